CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX events_kind ON events (kind);
CREATE TABLE old_log (id int, region text) PARTITION BY LIST (region);
CREATE TABLE old_log_eu PARTITION OF old_log FOR VALUES IN ('eu');
