-- Community analytics (docs/metrics.md): each community's settings document, and the figures last
-- computed from its log, kept with the log position and settings they were computed from so a page
-- can show them without recomputing while neither has changed.

CREATE TABLE analytics_settings (
    community_id INTEGER NOT NULL PRIMARY KEY REFERENCES communities (id),
    document TEXT NOT NULL
);

CREATE TABLE analytics_results (
    community_id INTEGER NOT NULL PRIMARY KEY REFERENCES communities (id),
    log_id BIGINT NOT NULL,
    log_key TEXT NOT NULL,
    settings TEXT NOT NULL,
    figures TEXT NOT NULL
);

-- One row per member as of that computation: what `shequn members` lists.
CREATE TABLE analytics_members (
    community_id INTEGER NOT NULL,
    member_id BIGINT NOT NULL,
    stage TEXT NOT NULL,
    joined_us BIGINT NOT NULL,
    last_message_us BIGINT,
    messages BIGINT NOT NULL,
    groups TEXT NOT NULL,
    PRIMARY KEY (community_id, member_id)
);

CREATE INDEX analytics_members_stage ON analytics_members (community_id, stage);
