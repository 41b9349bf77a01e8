-- Page views of each sheet per calendar month: a count, nothing about the readers.
create table monthly_view (
    sheet_id    bigint  not null references sheet (id) on delete cascade,
    month_start date    not null,
    count       bigint  not null,
    primary key (sheet_id, month_start)
);
