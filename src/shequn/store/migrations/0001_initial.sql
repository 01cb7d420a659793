-- The event log and the few tables that give its ids names.
-- @id@ (an integer key we assign) and @serial@ (one the database assigns) are the dialect's own
-- spellings; everything else is portable SQL.

CREATE TABLE communities (
    id @serial@,
    name TEXT NOT NULL UNIQUE,
    timezone TEXT NOT NULL
);

CREATE TABLE sources (
    id @serial@,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE groups (
    id @serial@,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    name TEXT,
    name_time_us BIGINT,
    UNIQUE (community_id, platform, handle)
);

CREATE TABLE identities (
    id @id@,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    name TEXT,
    kind TEXT NOT NULL,
    member_id BIGINT NOT NULL,
    UNIQUE (community_id, platform, handle)
);

CREATE INDEX identities_member ON identities (member_id);

CREATE TABLE identity_names (
    identity_id BIGINT NOT NULL REFERENCES identities (id),
    name TEXT NOT NULL,
    first_seen_us BIGINT NOT NULL,
    PRIMARY KEY (identity_id, name)
);

-- The natural key itself is the unique key, not a hash of it: keys from one chat share a prefix and
-- grow with time or message id, so new rows land near each other in the index, which keeps bulk
-- appends fast when the index is far larger than memory (a hash scatters them: 4x slower at 10M).
CREATE TABLE events (
    id @serial@,
    community_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    group_id INTEGER,
    actor_id BIGINT,
    target_id BIGINT,
    inviter_id BIGINT,
    time_us BIGINT NOT NULL,
    utc_offset_min SMALLINT,
    source_id INTEGER NOT NULL,
    ref TEXT,
    reply_to TEXT,
    text TEXT,
    media TEXT,
    via TEXT,
    code TEXT,
    amount_fen BIGINT,
    product TEXT,
    edited SMALLINT,  -- 1 when edited, NULL otherwise: an unset column costs nothing to insert
    deleted SMALLINT,  -- 1 when deleted, NULL otherwise
    UNIQUE (community_id, key)
);

CREATE INDEX events_time ON events (community_id, time_us);

CREATE TABLE mentions (
    community_id INTEGER NOT NULL,
    event_key TEXT NOT NULL,
    identity_id BIGINT NOT NULL,
    PRIMARY KEY (community_id, event_key, identity_id)
);
