-- Who may use the dashboard and the API, what they did there, and the indexes the group and member
-- pages read by. Users belong to the database, not to one community; a group owner's groups are
-- rows of user_groups. Secrets are never stored: sessions and tokens keep a SHA-256 of theirs,
-- passwords an argon2 hash.

CREATE TABLE users (
    id @serial@,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_us BIGINT NOT NULL
);

CREATE TABLE user_groups (
    user_id BIGINT NOT NULL REFERENCES users (id),
    group_id BIGINT NOT NULL REFERENCES groups (id),
    PRIMARY KEY (user_id, group_id)
);

CREATE TABLE sessions (
    secret_hash TEXT NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_us BIGINT NOT NULL,
    expires_us BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id @serial@,
    secret_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    created_us BIGINT NOT NULL,
    revoked_us BIGINT
);

-- Names, not ids, say who and what: the log must still read true after a user is renamed or gone.
CREATE TABLE audit_log (
    id @serial@,
    time_us BIGINT NOT NULL,
    user_name TEXT,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT,
    address TEXT
);

CREATE INDEX audit_log_time ON audit_log (time_us);

-- A member's timeline and a group's page read the log by person and by group.
CREATE INDEX events_actor ON events (actor_id, time_us);
CREATE INDEX events_target ON events (target_id) WHERE target_id IS NOT NULL;
CREATE INDEX events_inviter ON events (inviter_id) WHERE inviter_id IS NOT NULL;
CREATE INDEX events_group ON events (group_id, time_us);
CREATE INDEX identities_name ON identities (community_id, name);
