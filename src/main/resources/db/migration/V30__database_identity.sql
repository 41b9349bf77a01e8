-- Names the database for the search indexes built from it, so that an index built from another
-- database (a data folder moved, another ESSAIM_DB_URL) is recognised and rebuilt. One row, whose
-- random id is written by the first node that starts.
create table database_identity (
    singleton  integer     not null primary key,
    id         varchar(36) not null,
    constraint database_identity_one_row check (singleton = 1)
);
