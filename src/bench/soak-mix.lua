-- Soak workload: mostly reads (search with facets, pages, sheets, completion), and every tenth
-- request a write through the API: a new sheet created as a draft, later published by an editor.
-- Both wrk threads write the same titles, so that two creations of one title at the same moment
-- are part of the test: the later one must take the next free address, not fail.
-- Needs SOAK_TOKEN (an API token of an account with the editor role); writes the address of every
-- sheet it created, one a line, to the file SOAK_CREATED at the end, for the checks of soak.sh.
local token = os.getenv("SOAK_TOKEN")
local queries = {"transport", "creche itinerante", "france services", "mutualisation", "numerique",
  "sante", "mobilite", "tiers lieu", "jeunes", "commerce", "maison de sante", "covoiturage", "ecole",
  "emploi", "culture", "agriculture", "personnes agees", "visio guichet", "epicerie", "bibliotheque"}
local regions = {"84", "27", "53", "24", "44", "32", "11", "28", "75", "76", "52", "93"}
local counter = 0
local drafts = {}
local threads = {}
local errors = {}
errors_seen = ""
created = {}

function setup(thread)
  table.insert(threads, thread)
end

local function auth(extra)
  local headers = {["Authorization"] = "Bearer " .. token}
  for k, v in pairs(extra or {}) do headers[k] = v end
  return headers
end

request = function()
  counter = counter + 1
  local k = counter % 20
  local q = queries[(counter % #queries) + 1]
  if k == 0 then
    local body = "---\nkind: notion\ntitle: Fiche d'endurance " .. counter ..
      "\nsummary: Une fiche écrite pendant l'essai d'endurance, sur le thème " .. q .. ".\nthemes: [" ..
      ((counter % 18) + 1) .. "]\nsources:\n  - title: Essai d'endurance d'Essaim\n    publisher: Essaim\n    year: 2026\n---\n## Texte\n\nLe " .. q .. " vu par l'essai numéro " .. counter .. ".\n"
    return wrk.format("POST", "/api/v1/sheets", auth({["Content-Type"] = "text/markdown; charset=utf-8"}), body)
  elseif k == 10 and #drafts > 0 then
    local slug = table.remove(drafts, 1)
    return wrk.format("POST", "/api/v1/sheets/" .. slug .. "/publish", auth({["Content-Type"] = "application/json"}),
      '{"comment": "Publication pendant l\'essai d\'endurance"}')
  elseif k % 5 == 1 then
    return wrk.format("GET", "/recherche?q=" .. q:gsub(" ", "+") .. "&theme=" .. ((counter % 18) + 1))
  elseif k % 5 == 2 then
    return wrk.format("GET", "/api/v1/search?size=10&q=" .. q:gsub(" ", "+") .. "&territory=region:" ..
      regions[(counter % #regions) + 1])
  elseif k % 5 == 3 then
    return wrk.format("GET", "/api/v1/suggest?q=" .. q:sub(1, 4))
  elseif k % 5 == 4 then
    return wrk.format("GET", "/api/v1/search?size=0&sort=date&theme=" .. ((counter % 18) + 1))
  else
    return wrk.format("GET", "/")
  end
end

response = function(status, headers, body)
  if status >= 400 then
    -- What failed, by status and first words of the answer, printed at the end.
    local key = status .. " " .. (body or ""):sub(1, 160):gsub("[\r\n]", " ")
    errors[key] = (errors[key] or 0) + 1
    local parts = {}
    for k, v in pairs(errors) do table.insert(parts, v .. " × " .. k) end
    errors_seen = table.concat(parts, "\n")
  end
  if status == 201 then
    local slug = body:match('"slug"%s*:%s*"([^"]+)"')
    if slug then
      table.insert(drafts, slug)
      table.insert(created, slug)
    end
  end
end

done = function(summary, latency, requests)
  local file = os.getenv("SOAK_CREATED") and io.open(os.getenv("SOAK_CREATED"), "w")
  for _, thread in ipairs(threads) do
    local seen = thread:get("errors_seen")
    if seen and seen ~= "" then io.write("Erreurs :\n" .. seen .. "\n") end
    if file then
      for _, slug in ipairs(thread:get("created")) do file:write(slug, "\n") end
    end
  end
  if file then file:close() end
end
