CREATE DOMAIN email AS text DEFAULT 'x@y' CHECK (VALUE LIKE '%@%');
COMMENT ON DOMAIN email IS 'an address';
CREATE TABLE users (id int PRIMARY KEY, mail email DEFAULT 'a@b', other email);
CREATE VIEW user_mail AS SELECT id, mail FROM users;
