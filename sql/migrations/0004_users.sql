-- People who sign in. Roles are an enum because authorisation code switches on them.
CREATE TYPE user_role AS ENUM ('citizen', 'officer', 'operator', 'leader', 'admin');

CREATE TABLE users (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name  text NOT NULL,
  role          user_role NOT NULL,
  -- Officers belong to the unit whose reports they handle.
  unit_id       integer REFERENCES units (id),
  password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  phone         text,
  email         text,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'officer' OR unit_id IS NOT NULL)
);
CREATE INDEX users_role_idx ON users (role);
CREATE INDEX users_unit_idx ON users (unit_id);
