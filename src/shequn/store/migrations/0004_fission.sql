-- Entry channels, fission campaigns and their rewards. Channels and campaigns are settings an
-- operator writes; rewards are derived from the log by `shequn campaign judge` and keep every change
-- of state in reward_changes, so the ledger can pay what was granted and explain why.

CREATE TABLE channels (
    id @serial@,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    cost_fen BIGINT,
    created_us BIGINT NOT NULL,
    UNIQUE (community_id, code)
);

CREATE TABLE campaigns (
    id @serial@,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    name TEXT NOT NULL,
    code TEXT NOT NULL,
    starts_us BIGINT NOT NULL,
    ends_us BIGINT NOT NULL,
    created_us BIGINT NOT NULL,
    UNIQUE (community_id, name),
    UNIQUE (community_id, code)
);

CREATE TABLE campaign_tiers (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    real_invites INTEGER NOT NULL,
    reward TEXT NOT NULL,
    reward_fen BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, real_invites)
);

CREATE TABLE rewards (
    id @serial@,
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    member_id BIGINT NOT NULL,
    real_invites INTEGER NOT NULL,
    reward_fen BIGINT NOT NULL,
    state TEXT NOT NULL,
    changed_us BIGINT NOT NULL,
    UNIQUE (campaign_id, member_id, real_invites)
);

CREATE TABLE reward_changes (
    reward_id BIGINT NOT NULL REFERENCES rewards (id),
    state TEXT NOT NULL,
    time_us BIGINT NOT NULL,
    reason TEXT NOT NULL
);

CREATE INDEX reward_changes_reward ON reward_changes (reward_id);
