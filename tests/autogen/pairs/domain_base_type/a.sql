CREATE DOMAIN email AS varchar(100) DEFAULT 'x@y' CHECK (VALUE LIKE '%@%');
COMMENT ON DOMAIN email IS 'an address';
CREATE TABLE users (id int PRIMARY KEY, mail email DEFAULT 'a@b', other email);
CREATE VIEW user_mail AS SELECT id, mail FROM users;
INSERT INTO users VALUES (1, 'q@r', NULL);
