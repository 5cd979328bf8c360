CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION pgcrypto;
CREATE TABLE t (id uuid DEFAULT uuid_generate_v4(), h bytea DEFAULT gen_random_bytes(8));
