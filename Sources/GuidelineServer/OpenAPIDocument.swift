import GuidelineCompiler

/// The OpenAPI 3.1 description of the REST API (`GET /openapi.json`), written by hand; a test holds its paths,
/// methods and statuses to the routes the server has.
enum OpenAPIDocument {
    /// The document.
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "guideline",
            "version": "1",
            "summary": "Clinical-guideline rulesets evaluated into explained recommendations with citations",
            "description": "Without a configuration file the server asks for no credentials and listens on 127.0.0.1 only. With one, every route but the probes and this document needs an API key (Authorization: Bearer KEY, or X-API-Key: KEY): reading rulesets any key, evaluating the role 'evaluate', the metrics the role 'audit'."
          },
          "servers": [{"url": "http://127.0.0.1:8080"}],
          "security": [{"bearer": []}, {"apiKey": []}],
          "paths": {
            "/healthz": {
              "get": {
                "summary": "Liveness: the process answers",
                "security": [],
                "responses": {"200": {"description": "alive", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}}
              }
            },
            "/readyz": {
              "get": {
                "summary": "Readiness: the rulesets are loaded",
                "security": [],
                "responses": {"200": {"description": "ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}}
              }
            },
            "/metrics": {
              "get": {
                "summary": "Prometheus metrics: requests, latency histogram, evaluations, errors, requests in flight (role audit)",
                "responses": {
                  "200": {"description": "the metrics in the Prometheus text format", "content": {"text/plain": {"schema": {"type": "string"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "503": {"$ref": "#/components/responses/Busy"}
                }
              }
            },
            "/openapi.json": {
              "get": {
                "summary": "This document",
                "security": [],
                "responses": {"200": {"description": "the OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}}
              }
            },
            "/v1/rulesets": {
              "get": {
                "summary": "The rulesets served: id, title, version, fingerprint",
                "responses": {
                  "200": {"description": "the rulesets", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RulesetList"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "503": {"$ref": "#/components/responses/Busy"}
                }
              }
            },
            "/v1/rulesets/{id}": {
              "parameters": [{"$ref": "#/components/parameters/RulesetID"}],
              "get": {
                "summary": "A ruleset's facts (type, unit, range, values, description, default), scores with bands, actions, sources and rules",
                "responses": {
                  "200": {"description": "the ruleset", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RulesetDescription"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "503": {"$ref": "#/components/responses/Busy"}
                }
              }
            },
            "/v1/rulesets/{id}/evaluate": {
              "parameters": [{"$ref": "#/components/parameters/RulesetID"}],
              "post": {
                "summary": "Evaluates one case (role evaluate): the full JSON result, as 'guideline evaluate --format json' writes it",
                "parameters": [
                  {"name": "explain", "in": "query", "required": false, "description": "'all': explain every rule that did not fire", "schema": {"type": "string", "enum": ["all"]}},
                  {"name": "whyNot", "in": "query", "required": false, "description": "a rule to explain when it does not fire (repeatable)", "schema": {"type": "array", "items": {"type": "string", "minLength": 1}}, "style": "form", "explode": true}
                ],
                "requestBody": {
                  "required": true,
                  "description": "a case, validated exactly as a case file is (at most caseBodyBytes, 1 MiB by default)",
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Case"}}}
                },
                "responses": {
                  "200": {"description": "the result (Schemas/result.schema.json)", "headers": {"Guideline-Decision-Id": {"description": "the id of the decision record, when the server audits (audit: in its configuration)", "schema": {"type": "string", "format": "uuid"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Result"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "408": {"$ref": "#/components/responses/Timeout"},
                  "413": {"$ref": "#/components/responses/TooLarge"},
                  "422": {"description": "the case is invalid (each problem with its code, message and JSON path), or whyNot names no rule", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InvalidCase"}}}},
                  "503": {"$ref": "#/components/responses/Busy"}
                }
              }
            },
            "/v1/rulesets/{id}/batch": {
              "parameters": [{"$ref": "#/components/parameters/RulesetID"}],
              "post": {
                "summary": "Evaluates a JSONL batch (role evaluate), streamed both ways: a header line, then one line per case in order",
                "requestBody": {
                  "required": true,
                  "description": "one case per line (at most batchBodyBytes); a bad line gets an error line and the batch goes on; the content type is not checked",
                  "content": {"application/x-ndjson": {"schema": {"type": "string"}}, "text/plain": {"schema": {"type": "string"}}}
                },
                "responses": {
                  "200": {"description": "the batch output (format guideline-batch/2); a body over the limit or a batch over its time ends with a line {\"error\": {\"code\", \"message\"}}", "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
                  "401": {"$ref": "#/components/responses/Unauthorized"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "413": {"$ref": "#/components/responses/TooLarge"},
                  "503": {"$ref": "#/components/responses/Busy"}
                }
              }
            }
          },
          "components": {
            "securitySchemes": {
              "bearer": {"type": "http", "scheme": "bearer", "description": "an API key of the configuration"},
              "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}
            },
            "parameters": {
              "RulesetID": {"name": "id", "in": "path", "required": true, "description": "the ruleset's id", "schema": {"type": "string"}}
            },
            "responses": {
              "BadRequest": {"description": "the body is not a JSON object, or a query option is wrong", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Unauthorized": {"description": "no API key, or an unknown one", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Forbidden": {"description": "the key does not have the role", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "NotFound": {"description": "no such ruleset or endpoint", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Timeout": {"description": "the body did not arrive within requestSeconds", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "TooLarge": {"description": "the body is over its limit", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Busy": {"description": "more requests at once than concurrentRequests; retry after the Retry-After seconds", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {
              "Status": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}, "rulesets": {"type": "integer"}}},
              "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
              "Diagnostic": {
                "type": "object",
                "required": ["severity", "code", "message", "path", "line", "column", "help"],
                "properties": {
                  "severity": {"type": "string", "enum": ["error", "warning"]},
                  "code": {"type": "string", "examples": ["\#(CaseDiagnosticCode.unknownEnumValue.rawValue)"]},
                  "message": {"type": "string"},
                  "path": {"type": ["string", "null"], "description": "the JSON path of the bad value", "examples": ["$.facts[\"spine.level\"]"]},
                  "line": {"type": ["integer", "null"]},
                  "column": {"type": ["integer", "null"]},
                  "help": {"type": "array", "items": {"type": "string"}}
                }
              },
              "InvalidCase": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}, "diagnostics": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}}}
              },
              "Case": {
                "type": "object",
                "required": ["facts"],
                "properties": {
                  "case": {"type": "string", "description": "the case's id"},
                  "facts": {"type": ["object", "null"], "description": "fact names to values; null or absent: not recorded", "additionalProperties": true}
                },
                "additionalProperties": false
              },
              "Result": {
                "type": "object",
                "required": ["ruleset", "scores", "recommendations", "summary"],
                "properties": {
                  "case": {"type": ["string", "null"]},
                  "ruleset": {"type": "object"},
                  "scores": {"type": "object"},
                  "values": {"type": "object"},
                  "recommendations": {"type": "array", "items": {"type": "object"}},
                  "summary": {"type": "object"}
                }
              },
              "RulesetList": {
                "type": "object",
                "required": ["rulesets", "engine"],
                "properties": {
                  "rulesets": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": ["id", "title", "version", "fingerprint"],
                      "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "version": {"type": "string"}, "fingerprint": {"type": "string"}}
                    }
                  },
                  "engine": {"type": "string"}
                }
              },
              "RulesetDescription": {
                "type": "object",
                "required": ["id", "title", "version", "fingerprint", "facts", "scores", "actions", "sources", "rules"],
                "properties": {
                  "id": {"type": "string"},
                  "title": {"type": "string"},
                  "version": {"type": "string"},
                  "description": {"type": ["string", "null"]},
                  "fingerprint": {"type": "string"},
                  "facts": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": ["name", "type", "description", "group"],
                      "properties": {
                        "name": {"type": "string"},
                        "type": {"type": "string", "enum": ["boolean", "integer", "decimal", "quantity", "enum"]},
                        "unit": {"type": ["string", "null"]},
                        "units": {"type": "array", "items": {"type": "string"}},
                        "values": {"type": "array", "items": {"type": "string"}},
                        "ordered": {"type": "boolean"},
                        "minimum": {},
                        "maximum": {},
                        "default": {},
                        "description": {"type": "string"},
                        "label": {"type": ["string", "null"]},
                        "group": {"type": "string"}
                      }
                    }
                  },
                  "scores": {"type": "array", "items": {"type": "object"}},
                  "actions": {"type": "array", "items": {"type": "object"}},
                  "sources": {"type": "array", "items": {"type": "object"}},
                  "rules": {"type": "array", "items": {"type": "string"}}
                }
              }
            }
          }
        }

        """#
}
