CREATE TABLE keep (b int);
