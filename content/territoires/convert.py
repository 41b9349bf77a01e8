#!/usr/bin/env python3
"""Builds territoires.csv, the compact territory table Essaim ships, from the Etalab
`decoupage-administratif` JSON files (regions, departements, epci, communes).

Usage: python3 convert.py <folder of the decoupage-administratif JSON files>

Columns: level, code, name, departement, region, epci, population, postcodes (space separated).
Only current communes are kept (no communes déléguées, associées or municipal arrondissements).
"""
import csv
import json
import sys
from pathlib import Path


def main(source: Path, target: Path) -> None:
    regions = json.loads((source / "regions.json").read_text(encoding="utf-8"))
    departements = json.loads((source / "departements.json").read_text(encoding="utf-8"))
    epcis = json.loads((source / "epci.json").read_text(encoding="utf-8"))
    communes = json.loads((source / "communes.json").read_text(encoding="utf-8"))

    epci_of = {member["code"]: epci["code"] for epci in epcis for member in epci["membres"]}
    epci_departement = {}
    population_of = {c["code"]: c.get("population", 0) for c in communes if c["type"] == "commune-actuelle"}
    departement_of = {c["code"]: c.get("departement", "") for c in communes if c["type"] == "commune-actuelle"}
    region_of = {c["code"]: c.get("region", "") for c in communes if c["type"] == "commune-actuelle"}
    for epci in epcis:
        # An EPCI belongs to the département where most of its inhabitants live.
        weights = {}
        for member in epci["membres"]:
            dep = departement_of.get(member["code"], "")
            weights[dep] = weights.get(dep, 0) + population_of.get(member["code"], 0)
        epci_departement[epci["code"]] = max(weights, key=weights.get) if weights else ""

    region_of_departement = {d["code"]: d.get("region", "") for d in departements}
    rows = []
    for r in regions:
        rows.append(["region", r["code"], r["nom"], "", "", "", "", ""])
    for d in departements:
        rows.append(["departement", d["code"], d["nom"], "", d.get("region", ""), "", "", ""])
    for e in epcis:
        dep = epci_departement[e["code"]]
        rows.append(["epci", e["code"], e["nom"], dep, region_of_departement.get(dep, ""), "",
                     str(e.get("populationMunicipale", "")), ""])
    for c in communes:
        if c["type"] != "commune-actuelle":
            continue
        rows.append(["commune", c["code"], c["nom"], c.get("departement", ""), c.get("region", ""),
                     epci_of.get(c["code"], ""), str(c.get("population", "")),
                     " ".join(c.get("codesPostaux", []))])

    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["level", "code", "name", "departement", "region", "epci", "population", "postcodes"])
        writer.writerows(rows)
    print(f"{len(rows)} territoires écrits dans {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).with_name("territoires.csv"))
