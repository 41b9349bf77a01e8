-- The territories and the themes are read from the lists shipped with the application
-- (territoires.csv and themes.yml, in memory): their tables were written at each start and never read.
drop table territory;
drop table theme;
