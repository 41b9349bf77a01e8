-- Mixed search workload for wrk: several hundred distinct search API addresses, the same list in
-- every run (fixed seed), cycled through by each connection from a different starting point.
-- Full-text queries, one or two facets, date sort, second pages and facet-only browsing (size=0).
local words = {
  "itinerance", "creche", "france services", "maison de services au public", "transport a la demande",
  "numerique", "mutualisation", "sante", "maison de sante", "commerce", "epicerie", "mobilite",
  "jeunes", "personnes agees", "insertion", "culture", "bibliotheque", "ecole", "petite enfance",
  "tiers-lieu", "covoiturage", "accueil", "emploi", "agriculture", "circuits courts", "habitat",
  "logement", "services postaux", "la poste", "relais", "telemedecine", "guichet unique",
  "communaute de communes", "montagne", "littoral", "rural", "benevoles", "association", "cooperative",
  "formation", "visioguichet", "mediation", "vieillissement", "handicap", "eau", "energie", "dechets",
  "tourisme", "innovation sociale", "Morbihan", "Hautes-Alpes", "Bretagne", "services itinerants",
  "centre social", "garde d'enfants", "pharmacie", "medecin", "bus", "velo", "internet",
}
local places = {
  "region:53", "region:84", "region:44", "region:75", "region:76", "region:28", "region:27", "region:11",
  "departement:05", "departement:56", "departement:38", "departement:54", "departement:71", "departement:29",
  "departement:73", "departement:26", "departement:12", "departement:87", "departement:61", "departement:23",
}
local kinds = { "experience", "innovation", "vademecum", "notion" }

local function enc(s)
  return (s:gsub("[^%w%-_%.~:]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

paths = {}
math.randomseed(42)
for i = 1, 400 do
  local p = {}
  local shape = i % 8
  if shape ~= 5 and shape ~= 6 then
    p[#p + 1] = "q=" .. enc(words[math.random(#words)])
  end
  if shape == 1 or shape == 3 or shape == 5 or shape == 7 then
    p[#p + 1] = "theme=" .. math.random(18)
  end
  if shape == 2 or shape == 3 or shape == 6 or shape == 7 then
    p[#p + 1] = "territory=" .. enc(places[math.random(#places)])
  end
  if shape == 6 then
    p[#p + 1] = "kind=" .. kinds[math.random(#kinds)]
  end
  if shape == 4 or shape == 7 then
    p[#p + 1] = "sort=date"
  end
  if shape == 3 then
    p[#p + 1] = "page=2"
  end
  if shape == 5 or shape == 6 then
    p[#p + 1] = "size=0"
  end
  paths[i] = "/api/v1/search?" .. table.concat(p, "&")
end

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "replay.lua")(paths, 97, 0)
