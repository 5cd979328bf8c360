CREATE TABLE users (id serial PRIMARY KEY, name varchar(50), legacy text);
CREATE TABLE posts (id serial PRIMARY KEY, user_id int REFERENCES users(id), body text);
CREATE INDEX posts_user ON posts (user_id);
