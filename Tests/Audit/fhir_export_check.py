#!/usr/bin/env python3
"""Validates `guideline audit export` output as FHIR R5 with fhir.resources, and prints what it found.

Usage: fhir_export_check.py BUNDLE.json NDJSON

Each resource is validated by its fhir.resources R5 model (the package's default release, checked to be
5.0.0); then what the models do not check: the codes of the elements whose R5 binding is required
(AuditEvent.action, AuditEvent.severity, Provenance.entity.role, Bundle.type), the outcome code system, and every
reference between the resources (Provenance.target, AuditEvent.entity.what) resolving in the file, a Provenance's
targetElement naming an entity of its AuditEvent. Exit 0 and a JSON summary on standard output when both files
pass; exit 1 with the problems on standard error otherwise.
"""

import json
import sys

import fhir.resources
from fhir.resources import get_fhir_model_class
from fhir.resources.bundle import Bundle

ACTIONS = {"C", "R", "U", "D", "E"}
SEVERITIES = {"emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"}
PROVENANCE_ROLES = {"revision", "quotation", "source", "instantiates", "removal"}
OUTCOME_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-event-outcome"
OUTCOMES = {"0", "4", "8", "12"}
TARGET_ELEMENT = "http://hl7.org/fhir/StructureDefinition/targetElement"

problems = []


def check_codes(resource, where):
    kind = resource.get("resourceType")
    if kind == "AuditEvent":
        if resource.get("action") not in ACTIONS:
            problems.append(f"{where}: action {resource.get('action')!r} is not in the R5 value set")
        if resource.get("severity") not in SEVERITIES:
            problems.append(f"{where}: severity {resource.get('severity')!r} is not in the R5 value set")
        code = resource.get("outcome", {}).get("code", {})
        if code.get("system") != OUTCOME_SYSTEM or code.get("code") not in OUTCOMES:
            problems.append(f"{where}: outcome code {code} is not of audit-event-outcome")
    elif kind == "Provenance":
        for entity in resource.get("entity", []):
            if entity.get("role") not in PROVENANCE_ROLES:
                problems.append(f"{where}: entity role {entity.get('role')!r} is not in the R5 value set")
    else:
        problems.append(f"{where}: unexpected resource type {kind!r}")


def check_file(resources, key_of, where):
    """resources: [(key, resource)]; key_of(reference) -> the key it names."""
    by_key = {}
    for key, resource in resources:
        if key in by_key:
            problems.append(f"{where}: {key} occurs twice")
        by_key[key] = resource
    summary = {"auditEvents": [], "provenances": []}
    for key, resource in resources:
        kind = resource.get("resourceType")
        check_codes(resource, f"{where}: {kind}/{resource.get('id')}")
        try:
            get_fhir_model_class(kind).model_validate(resource)
        except Exception as error:  # pydantic's ValidationError, and anything else the model raises
            problems.append(f"{where}: {kind}/{resource.get('id')} is not valid FHIR R5: {error}")
            continue
        if kind == "AuditEvent":
            links = []
            for entity in resource.get("entity", []):
                reference = entity.get("what", {}).get("reference")
                if reference is None:
                    continue
                target = by_key.get(key_of(reference))
                if target is None:
                    problems.append(f"{where}: AuditEvent/{resource['id']} refers to {reference}, not in the file")
                else:
                    links.append(target["id"])
            summary["auditEvents"].append(
                {"id": resource["id"], "action": resource["action"], "links": links,
                 "who": [agent["who"].get("display") for agent in resource["agent"]]})
        else:
            target = resource["target"][0]
            event = by_key.get(key_of(target.get("reference", "")))
            element = [e["valueUri"] for e in target.get("extension", []) if e.get("url") == TARGET_ELEMENT]
            if event is None or event.get("resourceType") != "AuditEvent":
                problems.append(f"{where}: Provenance/{resource['id']} targets {target.get('reference')}, no AuditEvent")
                continue
            entity_ids = {entity.get("id") for entity in event.get("entity", [])}
            if len(element) != 1 or element[0] not in entity_ids:
                problems.append(f"{where}: Provenance/{resource['id']} names element {element}, not in its AuditEvent")
                continue
            recommendation = next(e for e in event["entity"] if e.get("id") == element[0])
            details = {d["type"]["text"]: d["valueString"] for d in recommendation.get("detail", [])}
            summary["provenances"].append(
                {"decision": event["id"], "rule": details.get("rule"), "action": details.get("action"),
                 "entities": [[e["role"], e["what"].get("display")] for e in resource.get("entity", [])]})
    return summary


def main():
    if fhir.resources.__fhir_version__ != "5.0.0":
        print(f"fhir.resources models FHIR {fhir.resources.__fhir_version__}, not R5", file=sys.stderr)
        return 1
    with open(sys.argv[1], encoding="utf-8") as handle:
        bundle = json.load(handle)
    if bundle.get("type") != "collection":
        problems.append(f"bundle: type {bundle.get('type')!r}, not collection")
    try:
        Bundle.model_validate(bundle)
    except Exception as error:
        problems.append(f"bundle: not a valid FHIR R5 Bundle: {error}")
    entries = [(entry.get("fullUrl"), entry["resource"]) for entry in bundle.get("entry", [])]
    in_bundle = check_file(entries, lambda reference: reference, "bundle")

    lines = []
    with open(sys.argv[2], encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            try:
                lines.append(json.loads(line))
            except ValueError as error:
                problems.append(f"ndjson line {number}: not JSON: {error}")
    keyed = [(f"{resource.get('resourceType')}/{resource.get('id')}", resource) for resource in lines]
    in_ndjson = check_file(keyed, lambda reference: reference, "ndjson")
    if in_bundle != in_ndjson:
        problems.append("the Bundle and the NDJSON file do not hold the same resources")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    json.dump(in_bundle, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
