#!/usr/bin/env python3
"""End-to-end tests of the CDS Hooks 2.0 endpoints of `guideline serve`, over loopback, nothing mocked.

Starts `guideline serve` with a configuration naming two CDS clients (an ES384 and an RS384 key pair generated here,
their public JWK Sets written to a scratch directory), and a small FHIR server of its own on loopback. Then:

- discovery, service calls and feedback with valid client JWTs (pyjwt), and every token attack (none, `alg: none`,
  HS256 with the public key as secret, wrong `aud`, expired, issued in the future, too long a lifetime, a replayed
  `jti`, an unknown `kid`, an issuer not on the allowlist, a forged signature): each a bare 401;
- for every bundled example, its facts as FHIR resources (built and validated with fhir.resources): the cards are
  exactly the actions of `guideline evaluate --format json` for the example, in its order, each card's uuid the
  name-based UUID of the hook instance, rule, action and fingerprint, its indicator from kind and urgency; the
  response obeys the CDS Hooks response invariants cds-resp-1 to cds-resp-7 (FHIRPath, fhirpathpy), a JSON Schema of
  the card, and holds no null, "", [] or {};
- the same cards when the prefetch is not sent and the service fetches it from `fhirServer` with the client's access
  token; a redirect from the FHIR server is not followed;
- 412 with an OperationOutcome when no fact can be obtained; 400, 404, 405, 413; a CORS preflight;
- the log holds no token, access token or patient id; SIGTERM ends the server with status 0.

Usage: cds_hooks_e2e.py --guideline PATH/TO/guideline --rules Rules/spine-metastases
Exit status 0 when every check passed, 1 otherwise (each failure printed).
"""

import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

import fhirpathpy
import jsonschema
import jwt
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fhir.resources.bundle import Bundle
from fhir.resources.observation import Observation
from fhir.resources.operationoutcome import OperationOutcome
from fhir.resources.questionnaireresponse import QuestionnaireResponse

FAILURES = []
CHECKS = 0


def check(condition, what):
    global CHECKS
    CHECKS += 1
    if not condition:
        FAILURES.append(what)
        print(f"FAIL: {what}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# --- Clients and their tokens -------------------------------------------------------------------------------------


class Client:
    """A CDS client: an issuer with a key pair, signing tokens as the CDS Hooks Sandbox does."""

    def __init__(self, iss, algorithm):
        self.iss = iss
        self.algorithm = algorithm
        self.kid = str(uuid.uuid4())
        if algorithm.startswith("ES"):
            self.key = ec.generate_private_key(ec.SECP384R1() if algorithm == "ES384" else ec.SECP256R1())
            jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self.key.public_key()))
        else:
            self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": self.kid, "alg": algorithm, "use": "sig"})
        self.jwks = {"keys": [jwk]}
        self.public_pem = self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def claims(self, aud, **changes):
        now = int(time.time())
        claims = {"iss": self.iss, "aud": aud, "exp": now + 300, "iat": now, "jti": str(uuid.uuid4())}
        claims.update(changes)
        return {k: v for k, v in claims.items() if v is not None}

    def token(self, aud, kid=None, **changes):
        return jwt.encode(
            self.claims(aud, **changes), self.key, algorithm=self.algorithm,
            headers={"kid": kid or self.kid, "typ": "JWT"},
        )

    def unsigned(self, aud):
        header = b64url(json.dumps({"alg": "none", "typ": "JWT", "kid": self.kid}).encode())
        return f"{header}.{b64url(json.dumps(self.claims(aud)).encode())}."

    def hmac_with_public_key(self, aud):
        header = b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": self.kid}).encode())
        payload = b64url(json.dumps(self.claims(aud)).encode())
        signature = hmac.new(self.public_pem, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        return f"{header}.{payload}.{b64url(signature)}"


# --- A FHIR server on loopback ------------------------------------------------------------------------------------


class FHIRServer:
    """Answers searches of `/fhir/{type}` from the resources of a patient; `/moved/...` redirects to `/fhir/...`."""

    def __init__(self):
        self.resources = {}  # patient id -> [resource dict]
        self.requests = []  # (path, Authorization header)
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, self.headers.get("Authorization")))
                if self.path.startswith("/moved/"):
                    self.send_response(302)
                    self.send_header("Location", "/fhir/" + self.path[len("/moved/"):])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                path, _, query = self.path.partition("?")
                parameters = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
                kind = path.rsplit("/", 1)[-1]
                patient = parameters.get("patient", "")
                entries = [{"resource": r} for r in server.resources.get(patient, []) if r["resourceType"] == kind]
                body = json.dumps({"resourceType": "Bundle", "type": "searchset", "entry": entries}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/fhir+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


# --- FHIR resources from a case file ----------------------------------------------------------------------------


def bound_facts(rules):
    """The facts with a FHIR binding, from the rule files: name -> (type, binding)."""
    facts = {}
    for name in sorted(os.listdir(rules)):
        if not name.endswith(".yaml") or name == "ruleset.yaml":
            continue
        with open(os.path.join(rules, name)) as f:
            document = yaml.safe_load(f) or {}
        for fact, declaration in (document.get("facts") or {}).items():
            if isinstance(declaration, dict) and "fhir" in declaration:
                facts[fact] = (declaration["type"], declaration["fhir"])
    return facts


def quantity(given):
    """A FHIR Quantity from a case file's quantity: "6 mo" or {value: 6, unit: mo}."""
    if isinstance(given, dict):
        number, unit = str(given["value"]), given["unit"]
    else:
        number, unit = str(given).split(None, 1)
    return {"value": float(number) if "." in number else int(number), "unit": unit,
            "system": "http://unitsofmeasure.org", "code": unit}


def fhir_resources(case, facts, patient):
    """The case's facts as an Observation per LOINC-bound fact and one QuestionnaireResponse for the others."""
    observations, items = [], []
    for name, value in case["facts"].items():
        kind, binding = facts[name]
        if binding["resource"] == "Observation":
            system, code = binding.get("system", "http://loinc.org"), str(binding["code"])
            observations.append(Observation.model_validate({
                "resourceType": "Observation", "id": f"obs-{len(observations)}", "status": "final",
                "code": {"coding": [{"system": system, "code": code}]},
                "subject": {"reference": f"Patient/{patient}"}, "effectiveDateTime": "2026-11-01T10:00:00Z",
                "valueQuantity": quantity(value),
            }).model_dump(mode="json", exclude_none=True))
            continue
        if kind == "boolean":
            answer = {"valueBoolean": bool(value)}
        elif kind == "integer":
            answer = {"valueInteger": int(value)}
        elif kind == "quantity":
            answer = {"valueQuantity": quantity(value)}
        else:
            answer = {"valueCoding": {"code": str(value)}}
        items.append({"linkId": binding["linkId"], "answer": [answer]})
    response = QuestionnaireResponse.model_validate({
        "resourceType": "QuestionnaireResponse", "id": "qr-1", "status": "completed",
        "questionnaire": "https://guideline.example.org/Questionnaire/spine-metastases",
        "subject": {"reference": f"Patient/{patient}"}, "authored": "2026-11-02T09:00:00Z", "item": items,
    }).model_dump(mode="json", exclude_none=True)
    return observations + [response]


def searchset(resources):
    return Bundle.model_validate({
        "resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in resources],
    }).model_dump(mode="json", exclude_none=True)


# --- HTTP ---------------------------------------------------------------------------------------------------------


def request(method, url, body=None, token=None, headers=None):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token is not None:
        req.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def empty_places(value, path="$"):
    if value is None or value == "" or value == [] or value == {}:
        return [path]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in empty_places(v, f"{path}[{i}]")]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in empty_places(v, f"{path}.{k}")]
    return []


# The response invariants of CDS Hooks (HL7/cds-hooks input/fsh/invariants), over the whole response.
RESPONSE_INVARIANTS = {
    "cds-resp-1": "cards.where(selectionBehavior = 'at-most-one' and "
                  "suggestions.where(isRecommended = true).count() > 1).empty()",
    "cds-resp-2": "cards.suggestions.actions.where(type = 'delete' and "
                  "(resourceId.empty() or resource.exists())).empty()",
    "cds-resp-3": "cards.links.where(appContext.exists() and type != 'smart').empty()",
    "cds-resp-4": "cards.overrideReasons.where(display.empty()).empty()",
    "cds-resp-5": "cards.suggestions.where(actions.all(description.exists()).not()).empty()",
    "cds-resp-6": "cards.where(suggestions.exists() and selectionBehavior.empty()).empty()",
    "cds-resp-7": "cards.suggestions.where((actionSelectionBehavior.empty() or actionSelectionBehavior = 'all' or "
                  "actionSelectionBehavior = 'any' or actionSelectionBehavior = 'at-most-one').not()).empty()",
}

CARD_SCHEMA = {
    "type": "object",
    "required": ["cards"],
    "additionalProperties": False,
    "properties": {"cards": {"type": "array", "items": {
        "type": "object",
        "required": ["uuid", "summary", "indicator", "source"],
        "properties": {
            "uuid": {"type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"},
            "summary": {"type": "string", "minLength": 1, "maxLength": 139},
            "detail": {"type": "string", "minLength": 1},
            "indicator": {"enum": ["info", "warning", "critical"]},
            "source": {
                "type": "object", "required": ["label"],
                "properties": {
                    "label": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "pattern": "^https?://"},
                    "topic": {"type": "object", "required": ["system", "code"]},
                },
            },
        },
    }}},
}


def check_cards_response(response, what):
    jsonschema.validate(response, CARD_SCHEMA)
    check(empty_places(response) in ([], ["$.cards"]), f"{what}: empty values at {empty_places(response)}")
    for name, expression in RESPONSE_INVARIANTS.items():
        check(fhirpathpy.evaluate(response, expression) == [True], f"{what}: invariant {name} fails")


def indicator(kind, urgency):
    if kind == "contraindicated" or urgency == "immediate":
        return "critical"
    if kind == "caution" or urgency == "urgent":
        return "warning"
    return "info"


def expected_cards(result, hook_instance):
    """The (uuid, indicator) of each card the engine's result gives, in order."""
    fingerprint = result["ruleset"]["fingerprint"]
    cards = [
        (str(uuid.uuid5(uuid.NAMESPACE_URL,
                        f"urn:guideline:card:{hook_instance}:{line['rule']}:{line['action']}:{fingerprint}")),
         indicator(line["kind"], line["urgency"]))
        for line in result["summary"]["actions"]
    ]
    if any(d["kind"] == "contraindicated" for fact in result["summary"]["record"] for d in fact["decides"]):
        cards.append((str(uuid.uuid5(uuid.NAMESPACE_URL,
                                     f"urn:guideline:record-card:{hook_instance}:{fingerprint}")), "warning"))
    return cards


# --- The run --------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--guideline", required=True)
    parser.add_argument("--rules", required=True)
    arguments = parser.parse_args()
    rules = os.path.abspath(arguments.rules)

    scratch = tempfile.mkdtemp(prefix="guideline-cds-e2e-")
    sandbox = Client("https://sandbox.cds-hooks.org", "ES384")
    ehr = Client("https://ehr.example.org", "RS384")
    stranger = Client("https://stranger.example.org", "ES384")
    for client, name in ((sandbox, "sandbox"), (ehr, "ehr")):
        with open(os.path.join(scratch, f"{name}.jwks.json"), "w") as f:
            json.dump(client.jwks, f)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    key = "e2e-api-key-1"
    configuration = os.path.join(scratch, "serve.yaml")
    with open(configuration, "w") as f:
        f.write(f"""host: 127.0.0.1
port: {port}
apiKeys:
  - {{name: e2e, sha256: {hashlib.sha256(key.encode()).hexdigest()}, roles: [evaluate]}}
cors:
  allowedOrigins: [https://ehr.example.org]
limits:
  caseBodyBytes: 262144
cdsHooks:
  issuers:
    - {{iss: "{sandbox.iss}", jwks: sandbox.jwks.json}}
    - {{iss: "{ehr.iss}", jwks: ehr.jwks.json}}
  baseURL: {base}
""")
    log_path = os.path.join(scratch, "serve.log")
    log = open(log_path, "wb")
    server = subprocess.Popen([arguments.guideline, "serve", "--rules", rules, "--config", configuration],
                              stdout=subprocess.DEVNULL, stderr=log)
    secrets = []
    try:
        deadline = time.time() + 60
        while time.time() < deadline and b"listening on" not in open(log_path, "rb").read():
            if server.poll() is not None:
                print(open(log_path).read())
                sys.exit("guideline serve exited before listening")
            time.sleep(0.05)
        run(arguments.guideline, rules, base, key, sandbox, ehr, stranger, secrets)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            status = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            status = "killed"
        log.close()
    check(status == 0, f"SIGTERM ends the server with status 0, not {status}")
    text = open(log_path, encoding="utf-8", errors="replace").read()
    for secret in secrets:
        check(secret not in text, "the log holds a token, an access token or a patient id")
    check(" POST /cds-services/" in text, "the log has a line per CDS Hooks request")
    print(f"{CHECKS - len(FAILURES)} of {CHECKS} checks passed", flush=True)
    sys.exit(1 if FAILURES else 0)


def run(guideline, rules, base, key, sandbox, ehr, stranger, secrets):
    discovery_url = f"{base}/cds-services"
    # Discovery: a token for exactly this URL.
    status, _, body = request("GET", discovery_url)
    check(status == 401 and body == b"", f"discovery without a token: bare 401, got {status} {body[:80]!r}")
    token = sandbox.token(discovery_url)
    secrets.append(token)
    status, _, body = request("GET", discovery_url, token=token)
    check(status == 200, f"discovery with a token: 200, got {status}")
    services = json.loads(body)["services"]
    ids = [s["id"] for s in services]
    check(ids == ["spine-metastases-patient-view", "spine-metastases-order-select"] or
          sorted(ids) == ["spine-metastases-order-select", "spine-metastases-patient-view"],
          f"one service per hook: {ids}")
    check(empty_places({"services": services}) == [], "discovery holds no empty value")
    service = next(s for s in services if s["hook"] == "patient-view")
    check(set(service["prefetch"]) == {"observation-777-3", "questionnaire-responses"},
          f"prefetch templates from the bindings: {sorted(service['prefetch'])}")
    service_url = f"{discovery_url}/{service['id']}"

    # Token attacks on a service call: each a bare 401.
    call = {"hook": "patient-view", "hookInstance": str(uuid.uuid4()),
            "context": {"userId": "Practitioner/e2e", "patientId": "pat-attack"}, "prefetch": {}}
    now = int(time.time())
    attacks = {
        "no token": None,
        "alg none": sandbox.unsigned(service_url),
        "HS256 with the public key as secret": sandbox.hmac_with_public_key(service_url),
        "wrong aud": sandbox.token(discovery_url),
        "aud of another service": sandbox.token(f"{discovery_url}/spine-metastases-order-select"),
        "expired": sandbox.token(service_url, exp=now - 600, iat=now - 900),
        "issued in the future": sandbox.token(service_url, iat=now + 600, exp=now + 900),
        "lifetime over an hour": sandbox.token(service_url, exp=now + 7200),
        "unknown kid": sandbox.token(service_url, kid="no-such-key"),
        "issuer not on the allowlist": stranger.token(service_url),
        "no jti": sandbox.token(service_url, jti=None),
        "forged signature": sandbox.token(service_url)[:-8] + "AAAAAAAA",
        "signed by another issuer's key": jwt.encode(
            sandbox.claims(service_url, iss=ehr.iss), sandbox.key, algorithm="ES384",
            headers={"kid": ehr.kid, "typ": "JWT"}),
    }
    for name, attack in attacks.items():
        status, _, body = request("POST", service_url, call, token=attack)
        check(status == 401 and body == b"", f"{name}: bare 401, got {status} {body[:80]!r}")
    replayed = sandbox.token(service_url)
    call_nothing = dict(call, prefetch={"observation-777-3": None, "questionnaire-responses": None})
    first, _, _ = request("POST", service_url, call_nothing, token=replayed)
    second, _, body = request("POST", service_url, call_nothing, token=replayed)
    check(first == 412 and second == 401 and body == b"", f"a replayed jti: {first} then {second} (412 then 401)")

    # Nothing obtainable: 412 with an OperationOutcome.
    status, _, body = request("POST", service_url, call_nothing, token=ehr.token(service_url))
    check(status == 412, f"nothing obtainable: 412, got {status}")
    if status == 412:
        outcome = OperationOutcome.model_validate(json.loads(body))
        check(len(outcome.issue) >= 1, "the OperationOutcome lists what is missing")

    # Every bundled example: its facts as FHIR data give exactly the engine's actions as cards.
    facts = bound_facts(rules)
    examples = os.path.join(rules, "examples")
    fhir = FHIRServer()
    for name in sorted(os.listdir(examples)):
        with open(os.path.join(examples, name)) as f:
            case = yaml.safe_load(f)
        unbound = sorted(set(case["facts"]) - set(facts))
        check(not unbound, f"{name}: facts without a FHIR binding {unbound}")
        if unbound:
            continue
        patient = f"pat-{case['case']}"
        secrets.append(patient)
        resources = fhir_resources(case, facts, patient)
        observations = [r for r in resources if r["resourceType"] == "Observation"]
        responses = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"]
        engine = json.loads(subprocess.run(
            [guideline, "evaluate", "--rules", rules, "--format", "json", os.path.join(examples, name)],
            check=True, capture_output=True).stdout)
        hook_instance = str(uuid.uuid4())
        expected = expected_cards(engine, hook_instance)
        call = {"hook": "patient-view", "hookInstance": hook_instance,
                "context": {"userId": "Practitioner/e2e", "patientId": patient},
                "prefetch": {"observation-777-3": searchset(observations),
                             "questionnaire-responses": searchset(responses)}}
        status, _, body = request("POST", service_url, call, token=sandbox.token(service_url))
        check(status == 200, f"{name}: 200, got {status} {body[:200]!r}")
        if status != 200:
            continue
        response = json.loads(body)
        check_cards_response(response, name)
        got = [(c["uuid"], c["indicator"]) for c in response["cards"]]
        check(got == expected, f"{name}: cards {got} are not the engine's actions {expected}")

        # The same case fetched by the service from the FHIR server, with the client's access token.
        fhir.resources[patient] = resources
        access = f"access-{uuid.uuid4()}"
        secrets.append(access)
        fetch_call = {k: v for k, v in call.items() if k != "prefetch"}
        fetch_call.update({"fhirServer": f"{fhir.url}/fhir", "fhirAuthorization": {
            "access_token": access, "token_type": "Bearer", "expires_in": 300, "scope": "patient/*.read",
            "subject": "guideline", "patient": patient}})
        before = len(fhir.requests)
        status, _, body = request("POST", service_url, fetch_call, token=ehr.token(service_url))
        check(status == 200, f"{name} fetched: 200, got {status} {body[:200]!r}")
        if status == 200:
            fetched = [(c["uuid"], c["indicator"]) for c in json.loads(body)["cards"]]
            check(fetched == expected, f"{name} fetched: the same cards as with the prefetch")
        seen = fhir.requests[before:]
        check(len(seen) == 2 and all(auth == f"Bearer {access}" for _, auth in seen),
              f"{name}: the service fetched the two templates with the access token: {[p for p, _ in seen]}")
        check(all(f"patient={patient}" in path for path, _ in seen), f"{name}: the queries name the patient")

    # A redirect from the FHIR server is not followed (the token would go wherever it points).
    patient = "pat-moved"
    secrets.append(patient)
    fhir.resources[patient] = fhir_resources(
        {"facts": {"spine.pain": "mechanical"}}, facts, patient)
    before = len(fhir.requests)
    moved = {"hook": "patient-view", "hookInstance": str(uuid.uuid4()),
             "context": {"userId": "Practitioner/e2e", "patientId": patient},
             "fhirServer": f"{fhir.url}/moved", "fhirAuthorization": {
                 "access_token": "moved-token", "token_type": "Bearer", "expires_in": 300,
                 "scope": "patient/*.read", "subject": "guideline"}}
    status, _, _ = request("POST", service_url, moved, token=sandbox.token(service_url))
    paths = [p for p, _ in fhir.requests[before:]]
    check(status == 412 and paths and all(p.startswith("/moved/") for p in paths),
          f"a redirect is not followed: {status}, requests {paths}")

    # Bad requests.
    token = sandbox.token(service_url)
    status, _, body = request("POST", service_url, b"{not json", token=token)
    check(status == 400 and json.loads(body)["resourceType"] == "OperationOutcome", f"malformed JSON: 400, got {status}")
    wrong_hook = dict(call_nothing, hook="order-select")
    status, _, _ = request("POST", service_url, wrong_hook, token=sandbox.token(service_url))
    check(status == 400, f"the hook of another service: 400, got {status}")
    unknown_url = f"{discovery_url}/no-such-service"
    status, _, body = request("POST", unknown_url, call_nothing, token=sandbox.token(unknown_url))
    check(status == 404 and json.loads(body)["resourceType"] == "OperationOutcome", f"unknown service: 404, got {status}")
    status, headers, _ = request("GET", service_url, token=sandbox.token(service_url))
    check(status == 405 and "POST" in headers.get("Allow", ""), f"GET on a service: 405 with Allow, got {status}")
    big = dict(call_nothing, context={"userId": "Practitioner/e2e", "patientId": "pat-big", "pad": "x" * 300_000})
    status, _, _ = request("POST", service_url, big, token=sandbox.token(service_url))
    check(status == 413, f"a body over caseBodyBytes: 413, got {status}")

    # Feedback: its own URL as aud, stored idempotently.
    feedback_url = f"{service_url}/feedback"
    feedback = {"feedback": [{"card": str(uuid.uuid4()), "outcome": "overridden",
                              "overrideReason": {"userComment": "patient declined"},
                              "outcomeTimestamp": "2026-12-03T10:00:00Z"}]}
    status, _, _ = request("POST", feedback_url, feedback, token=sandbox.token(service_url))
    check(status == 401, f"feedback with the service's aud: 401, got {status}")
    for attempt in ("first", "again"):
        status, _, body = request("POST", feedback_url, feedback, token=sandbox.token(feedback_url))
        check(status == 200 and body == b"", f"feedback {attempt}: 200 without a body, got {status} {body[:80]!r}")
    invalid = {"feedback": [{"card": "x", "outcome": "ignored", "outcomeTimestamp": "2026-12-03T10:00:00Z"}]}
    status, _, _ = request("POST", feedback_url, invalid, token=sandbox.token(feedback_url))
    check(status == 400, f"feedback with an unknown outcome: 400, got {status}")

    # CORS preflight from an allowed origin.
    status, headers, _ = request("OPTIONS", service_url, headers={
        "Origin": "https://ehr.example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    check(status in (200, 204) and headers.get("Access-Control-Allow-Origin") == "https://ehr.example.org",
          f"CORS preflight: {status} {headers.get('Access-Control-Allow-Origin')}")

    # The REST API's key is not a CDS client token.
    status, _, _ = request("GET", discovery_url, token=key)
    check(status == 401, f"an API key on discovery: 401, got {status}")


if __name__ == "__main__":
    main()
