CREATE TABLE visits (id int, region text) PARTITION BY LIST (lower(region));
CREATE TABLE visits_eu PARTITION OF visits FOR VALUES IN ('eu');
CREATE TABLE visits_us PARTITION OF visits FOR VALUES IN ('us', 'ca');
CREATE INDEX visits_eu_id ON visits_eu (id);
