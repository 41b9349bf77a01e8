-- What the first start of an installation has done, and the row that serialises it: nodes started
-- together on an empty database take turns, and an import cut short is resumed at the next start.
create table seeding (
    name     varchar(50) not null primary key,
    done_at  timestamp with time zone
);
insert into seeding (name, done_at) values ('verrou', null);
-- An installation that already holds sheets imported its corpus before this table existed.
insert into seeding (name, done_at) select 'corpus', current_timestamp from sheet having count(*) > 0;
