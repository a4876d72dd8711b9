/// The guideline engine for embedders: one import brings every phase.
///
/// Load a ruleset with `RulesetLoader`, evaluate cases with `Evaluator`, render results with the
/// renderers of `GuidelineEngine`. Diagnostics from every phase are `Diagnostic` values.
@_exported import GuidelineCompiler
@_exported import GuidelineDiagnostics
@_exported import GuidelineEngine
@_exported import GuidelineExpression
@_exported import GuidelineYAML
