//! The rules about an instruction that only counts once per stage (`CMD`, `ENTRYPOINT`,
//! `HEALTHCHECK`): every occurrence after the first of a stage is reported.

use super::prelude::*;

/// Reports every `keyword` of a stage after its first.
pub(super) fn report_repeats(
    df: &Dockerfile<'_>,
    sink: &mut Sink<'_>,
    rule: &'static RuleMeta,
    keyword: Keyword,
) {
    for stage in &df.stages {
        let mut first = None;
        for instruction in df
            .stage_instructions(stage)
            .iter()
            .filter(|i| i.keyword == keyword)
        {
            let Some(line) = first else {
                first = Some(instruction.line);
                continue;
            };
            let name = keyword.as_str();
            let message = tr!(
                sink.lang(),
                "a second `{name}` in this stage; only the last one takes effect (the first is on line {line})",
                "本阶段出现了第二个 `{name}`，只有最后一个生效（第一个在第 {line} 行）",
            );
            report(sink, df, rule, instruction.head_span(), message);
        }
    }
}
