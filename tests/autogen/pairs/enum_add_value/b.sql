CREATE TYPE mood AS ENUM ('meh', 'sad', 'ok', 'happy', 'ecstatic');
CREATE TABLE t (m mood);
