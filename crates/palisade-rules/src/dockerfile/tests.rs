use super::*;

fn keywords(df: &Dockerfile<'_>) -> Vec<(Keyword, u32, u32)> {
    df.instructions
        .iter()
        .map(|i| (i.keyword, i.line, i.last_line))
        .collect()
}

fn commands(i: &Instruction) -> Vec<String> {
    i.script()
        .unwrap()
        .commands
        .iter()
        .map(|c| {
            c.words
                .iter()
                .map(|w| w.value.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn directives_comments_and_continuations() {
    let text = "\u{feff}# syntax=docker/dockerfile:1\n# escape=\\\n\n# a comment\nFROM debian:12 AS build\nRUN apt-get update \\\n# inside\n\n    && apt-get install -y curl \\  \n  && rm -rf /var/lib/apt/lists/*\nrun echo done\n";
    let df = parse(text);
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(df.directives.len(), 2);
    assert_eq!(df.directives[0].value, "docker/dockerfile:1");
    assert_eq!(
        keywords(&df),
        vec![
            (Keyword::From, 5, 5),
            (Keyword::Run, 6, 10),
            (Keyword::Run, 11, 11)
        ]
    );
    let run = &df.instructions[1];
    assert_eq!(
        run.joined.text,
        "RUN apt-get update     && apt-get install -y curl   && rm -rf /var/lib/apt/lists/*"
    );
    assert_eq!(
        commands(run),
        vec![
            "apt-get update",
            "apt-get install -y curl",
            "rm -rf /var/lib/apt/lists/*"
        ]
    );
    let install = &run.script().unwrap().commands[1];
    let curl = install.words.last().unwrap();
    let m = df.mark(curl.span.start);
    assert_eq!((m.line, m.column), (9, 27));
    assert_eq!(df.text(curl.span), "curl");
    assert_eq!(
        df.comments.iter().map(|c| c.line).collect::<Vec<_>>(),
        vec![1, 2, 4, 7]
    );
}

#[test]
fn directives_stop_at_the_first_other_line() {
    let df = parse("FROM a\n# escape=`\nRUN x \\\n  y\n");
    assert_eq!(df.escape, '\\');
    assert!(df.directives.is_empty());
    let df = parse(
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN Write-Host `\n  hello\nCOPY C:\\a\\b C:\\c\\\n",
    );
    assert_eq!(df.escape, '`');
    assert_eq!(keywords(&df).len(), 3);
    assert_eq!(df.instructions[1].joined.text, "RUN Write-Host   hello");
    let Args::Copy(copy) = &df.instructions[2].args else {
        panic!()
    };
    assert_eq!(copy.dest.as_ref().unwrap().value, "C:\\c\\");
    let df = parse("# escape=x\n# escape=\\\nFROM a\n");
    assert_eq!(df.errors.len(), 1, "{:?}", df.errors);
}

#[test]
fn heredocs() {
    let text = "FROM alpine:3\nRUN <<EOF\napk add curl\ncd /tmp\nEOF\nRUN <<-'EOT' bash\n\tsudo ls\n\tEOT\nCOPY <<A <<\"B\" /etc/\none\nA\ntwo $x\nB\nRUN python3 <<PY\nimport os\nPY\nRUN cat <<X > /f && apk add y\ncd /nope\nX\nUSER app\n";
    let df = parse(text);
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(
        keywords(&df),
        vec![
            (Keyword::From, 1, 1),
            (Keyword::Run, 2, 5),
            (Keyword::Run, 6, 8),
            (Keyword::Copy, 9, 13),
            (Keyword::Run, 14, 16),
            (Keyword::Run, 17, 19),
            (Keyword::User, 20, 20),
        ]
    );
    assert_eq!(commands(&df.instructions[1]), vec!["apk add curl", "cd /tmp"]);
    let run = &df.instructions[2];
    assert_eq!(run.heredocs[0].name, "EOT");
    assert!(run.heredocs[0].chomp && !run.heredocs[0].expand);
    assert_eq!(commands(run), vec!["bash", "sudo ls"]);
    let copy = &df.instructions[3];
    assert_eq!(copy.heredocs.len(), 2);
    assert_eq!(copy.heredocs[1].body.text, "two $x\n");
    assert!(copy.heredocs[0].expand && !copy.heredocs[1].expand);
    assert_eq!(commands(&df.instructions[4]), vec!["python3"]);
    assert_eq!(commands(&df.instructions[5]), vec!["cat", "apk add y"]);
    let apk = &df.instructions[1].script().unwrap().commands[0];
    assert_eq!(df.mark(apk.span.start).line, 3);
}

#[test]
fn unterminated_heredoc_is_an_error_and_parsing_goes_on() {
    let df = parse("FROM a\nRUN <<EOF\necho\n");
    assert_eq!(df.errors.len(), 1);
    assert!(df.errors[0].message.contains("not terminated"));
    assert_eq!(df.instructions.len(), 2);
}

#[test]
fn forms_flags_and_pairs() {
    let text = r#"ARG BASE=python
ARG TAG
FROM --platform=$BUILDPLATFORM ${BASE}:3.12-slim AS Build
ENV A=1 B="two words" C=x\ y
ENV LEGACY some value
LABEL "org.opencontainers.image.title"="app" version=1
ARG X=1 Y
RUN --mount=type=secret,id=npm,target=/root/.npmrc --network=none ["npm", "ci"]
CMD python -m app
ENTRYPOINT ["/bin/app", "--port=80"]
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]
HEALTHCHECK NONE
COPY --from=build --chown=app:app /src /dst
ADD ["a b", "c"]
EXPOSE 80/tcp 443
VOLUME ["/data"]
USER "app"
WORKDIR /srv
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
STOPSIGNAL SIGTERM
ONBUILD RUN cd /x && make
RUN ["/bin/sh", "-ec", "apk add curl | tee"]
FROM Build
FROM $TAG
"#;
    let df = parse(text);
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    let from = &df.instructions[2];
    assert_eq!(
        from.flag("platform").unwrap().value.as_deref(),
        Some("$BUILDPLATFORM")
    );
    let Args::From(f) = &from.args else { panic!() };
    assert_eq!(f.reference.as_ref().unwrap().text, "python:3.12-slim");
    assert_eq!(f.alias.as_ref().unwrap().value, "Build");
    let Args::Env(env) = &df.instructions[3].args else {
        panic!()
    };
    let values: Vec<_> = env
        .iter()
        .map(|p| (p.key.value.as_str(), p.value.value.as_str()))
        .collect();
    assert_eq!(values, vec![("A", "1"), ("B", "two words"), ("C", "x y")]);
    let Args::Env(env) = &df.instructions[4].args else {
        panic!()
    };
    assert_eq!(
        (
            env[0].key.value.as_str(),
            env[0].value.value.as_str(),
            env[0].equals
        ),
        ("LEGACY", "some value", false)
    );
    let Args::Label(labels) = &df.instructions[5].args else {
        panic!()
    };
    assert_eq!(labels[0].key.value, "org.opencontainers.image.title");
    let Args::Arg(args) = &df.instructions[6].args else {
        panic!()
    };
    assert_eq!(args.len(), 2);
    assert!(args[1].default.is_none());
    let run = &df.instructions[7];
    assert_eq!(run.flags.len(), 2);
    assert_eq!(
        run.flag("mount").unwrap().value.as_deref(),
        Some("type=secret,id=npm,target=/root/.npmrc")
    );
    assert!(matches!(&run.args, Args::Run(CommandLine::Exec { args, .. }) if args.len() == 2));
    assert_eq!(commands(run), vec!["npm ci"]);
    assert!(matches!(
        &df.instructions[8].args,
        Args::Cmd(CommandLine::Shell { .. })
    ));
    let Args::Healthcheck(h) = &df.instructions[10].args else {
        panic!()
    };
    assert!(h.command.as_ref().unwrap().is_exec());
    assert!(matches!(&df.instructions[11].args, Args::Healthcheck(h) if h.none));
    let copy = &df.instructions[12];
    assert_eq!(copy.flag("from").unwrap().value.as_deref(), Some("build"));
    let Args::Add(add) = &df.instructions[13].args else {
        panic!()
    };
    assert!(add.json);
    assert_eq!(add.sources[0].value, "a b");
    let Args::User(user) = &df.instructions[16].args else {
        panic!()
    };
    assert_eq!(user.value, "app");
    let onbuild = &df.instructions[20];
    let trigger = onbuild.trigger().unwrap();
    assert_eq!(trigger.keyword, Keyword::Run);
    assert_eq!(commands(trigger), vec!["cd /x", "make"]);
    assert_eq!(df.text(trigger.keyword_span), "RUN");
    assert_eq!(df.stages.len(), 3);
    assert_eq!(df.stages[1].base, Base::Stage(0));
    assert_eq!(df.stages[2].base, Base::Unknown);
    assert_eq!(commands(&df.instructions[21]), vec!["apk add curl", "tee"]);
    assert_eq!(df.stages[0].end, 22);
    assert_eq!(df.instructions[0].stage, None);
    assert_eq!(df.instructions[20].stage, Some(0));
}

#[test]
fn errors_name_the_line_and_parsing_goes_on() {
    let df = parse(
        "FROM a b\nFOO bar\nENV A\nENV A=1 B\nCOPY x\nRUN\nSHELL /bin/sh\nHEALTHCHECK CHECK x\nUSER app\n",
    );
    let lines: Vec<u32> = df.errors.iter().map(|e| df.mark(e.at.start).line).collect();
    assert_eq!(lines, vec![1, 2, 3, 4, 5, 6, 7, 8], "{:?}", df.errors);
    assert_eq!(df.instructions.len(), 9);
    assert!(matches!(df.instructions[8].args, Args::User(_)));
}

#[test]
fn crlf_and_odd_endings() {
    let df = parse("FROM a\r\nRUN x \\\r\n  y\r\n");
    assert_eq!(df.instructions[1].joined.text, "RUN x   y");
    let df = parse("FROM a\nRUN x \\");
    assert_eq!(df.instructions.len(), 2);
    let df = parse("");
    assert!(df.instructions.is_empty() && df.errors.is_empty());
}
