CREATE TYPE role AS ENUM ('admin', 'member');
CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, role role NOT NULL DEFAULT 'member', created timestamptz NOT NULL DEFAULT now());
CREATE TABLE posts (id bigserial PRIMARY KEY, user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE, body text, tags text[]);
CREATE INDEX posts_user ON posts (user_id, id DESC);
CREATE TABLE comments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, post_id bigint REFERENCES posts(id));
CREATE VIEW user_posts AS SELECT u.name, count(p.id) AS n FROM users u LEFT JOIN posts p ON p.user_id = u.id GROUP BY u.name;
