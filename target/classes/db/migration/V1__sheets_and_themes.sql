-- Sheets, their immutable revisions, and the theme reference table.
-- Written in the SQL common to PostgreSQL and H2. Ids come from sequences, so that inserts can be batched.

create sequence sheet_seq start with 50 increment by 50;
create sequence revision_seq start with 50 increment by 50;

create table theme (
    code        integer       not null primary key,
    label       varchar(200)  not null,
    description varchar(2000),
    examples    varchar(4000)
);

create table sheet (
    id                    bigint       not null primary key,
    slug                  varchar(200) not null,
    kind                  varchar(40)  not null,
    state                 varchar(20)  not null,
    title                 varchar(500) not null,
    latest_revision       integer      not null,
    published_revision_id bigint,
    pending_revision_id   bigint,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    version               bigint       not null,
    constraint sheet_slug_unique unique (slug)
);

create table revision (
    id          bigint          not null primary key,
    sheet_id    bigint          not null,
    number      integer         not null,
    source      varchar(1000000) not null,
    kind        varchar(40)     not null,
    title       varchar(500)    not null,
    summary     varchar(2000),
    fields_json varchar(1000000) not null,
    html        varchar(2000000) not null,
    author      varchar(200)    not null,
    created_at  timestamp with time zone not null,
    comment     varchar(1000),
    constraint revision_sheet_fk foreign key (sheet_id) references sheet (id),
    constraint revision_number_unique unique (sheet_id, number)
);

alter table sheet add constraint sheet_published_fk foreign key (published_revision_id) references revision (id);
alter table sheet add constraint sheet_pending_fk foreign key (pending_revision_id) references revision (id);

-- The wiki links of a revision, so that a sheet can list the sheets that link to it.
create table revision_link (
    revision_id bigint       not null,
    target_slug varchar(200) not null,
    constraint revision_link_pk primary key (revision_id, target_slug),
    constraint revision_link_revision_fk foreign key (revision_id) references revision (id)
);
create index revision_link_target on revision_link (target_slug);

-- Former names of a sheet (e.g. WikiNames of an imported wiki) that keep redirecting to it.
create table sheet_alias (
    alias    varchar(200) not null primary key,
    sheet_id bigint       not null,
    constraint sheet_alias_sheet_fk foreign key (sheet_id) references sheet (id)
);
