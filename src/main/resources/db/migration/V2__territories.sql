-- French territories (Etalab decoupage-administratif), loaded from the shipped table at first start.
create table territory (
    territory_key varchar(20)  not null primary key,
    level         varchar(12)  not null,
    code          varchar(10)  not null,
    name          varchar(200) not null,
    departement   varchar(3),
    region        varchar(3),
    epci          varchar(9),
    population    bigint,
    postcodes     varchar(400)
);
create index territory_departement on territory (departement);
