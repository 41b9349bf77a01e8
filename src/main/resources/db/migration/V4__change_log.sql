-- Every change to published content, in commit order, for the search index of each node to tail.
-- The counter row is updated in the publishing transaction: its row lock makes sequence numbers
-- follow commit order, so a reader never skips a change that commits late.
create table change_counter (
    id    integer not null primary key,
    last_seq bigint not null
);
insert into change_counter (id, last_seq) values (1, 0);

create table change_log (
    seq        bigint       not null primary key,
    slug       varchar(200) not null,
    created_at timestamp with time zone not null
);
