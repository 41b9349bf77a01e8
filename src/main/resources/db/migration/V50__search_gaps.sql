-- Searches that found nothing or almost nothing, aggregated by normalised query. Nothing here can
-- tell who searched: no address, cookie, account or time of day, only the day a query was last seen.
create table search_gap (
    query     varchar(200) not null primary key,
    count     bigint       not null,
    results   integer      not null,
    last_seen date         not null
);
-- The yearly cleanup deletes by this column.
create index search_gap_last_seen on search_gap (last_seen);
