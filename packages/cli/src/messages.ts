/**
 * Every text the CLI prints, in Chinese (the default) and English (`--lang en`): usage and help,
 * usage errors, input and output errors, progress and summary lines, the listing of findings.
 * The findings' own messages come from core (in the language asked for); this module holds the
 * CLI's words around them.
 */
import type { Finding, FormatId, Lang, LedgerNote, Severity } from '@disclosure-report/core';

export type { Lang };

/** The commands, in the order help lists them. */
export const commandNames = ['check', 'import', 'export', 'aggregate', 'report', 'tally', 'schema'] as const;
export type CommandName = (typeof commandNames)[number];

/** A line and column in a text (both from 1; columns in UTF-16 code units, as V8 counts them). */
export interface TextPosition {
  line: number;
  column: number;
}

/** Where an import failed (as `ImportError.location` gives it). */
export interface ImportPlace {
  line?: number;
  table?: string;
  row?: string;
  column?: string;
  page?: number;
}

const zhCheckUsage = `disclosure-report check <文件|目录|-…> [--prev <去年的报告|目录>] [--rules <规则包>…] [--expect <名单.csv>] [--parts <目录>] [--json | --ndjson] [--ids] [--lang zh|en] [--jobs N|auto] [--strict]

按国家格式的规则检查报告，按文件和级别（错误在前）列出发现的问题。报告文件（.json）
直接读取；公开发布的原文（.txt、.html、.docx、.pdf）先导入再检查。目录逐个文件检查，边读边输出，
文件再多内存也不随之增长。一个 .json 文件是报告的 JSON 数组时，逐个检查，名为 文件[序号]（从 0 起；
数组整体读入，至多 16 MB）。.ndjson（或 .jsonl）文件每行一个报告，逐行读取，名为 文件:行号；
- 读标准输入：NDJSON 或 JSON 数组（按第一个非空白字符判断）。无法使用的一行只影响该行（退出码 2）。

  --prev <文件>   同一机关去年的报告（启用 prev.* 跨年度规则）；给一个目录时，按机关和年度
                  匹配其中去年的报告（每个文件只读取、校验一次；无法使用的文件列出一次）
  --jobs N|auto   用 N 个工作进程检查；输出仍按文件顺序。auto：只在多于 2 个 CPU 核、且前 32 个
                  输入中至少 8 个是公开发布的原文（导入较慢）时用工作进程（每核一个），否则在本进程
                  检查：报告文件（.json、NDJSON、标准输入）读取和检查都很快，交给工作进程反而更慢。
                  每个工作进程的堆内存至多 DISCLOSURE_WORKER_MAX_MB（默认 1024）MB：需要更多内存
                  或使工作进程崩溃的文件列为未检查（退出码 2），其余文件照常检查
  --json          输出 [{ "file", "findings": [{ rule, target, severity, message, cells, expected?, actual? }],
                  "completeness"?: { read, expected } }]（completeness：公开发布的原文才有）
  --ndjson        同 --json 的数组元素，每个报告一行 JSON，检查完一个就输出一行
  --ids           每条问题后附上规则编号 rule[target]，便于搜索
  --lang zh|en    提示语言（默认 zh 中文；en 英文）
  --strict        原文中任一单元格、行或行名与国家格式不一致即拒绝该文件（默认：检查能读取的
                  部分；未能读取的以 import.* 问题列出，如 import.unread-cell、import.label-matched）
  --rules <文件>  规则包（省、市的要求，JSON；可给多个），与国家规则一起检查；规则包无法使用时
                  先列出原因（文件、规则、位置）并退出（退出码 2）
  --expect <文件> 应报送的机关名单（CSV，表头 agency,bodyType[,parent]）：检查完后列出缺少的、
                  名单外的、重复的和逾期发布的报告（region.missing 等；--json 时为末尾的 "region"）
  --parts <目录>  所检查的是汇总报告时，与目录中各报告之和逐格比对（region.sum：合计、所印数字、
                  主要来源）

公开发布的原文只有在读不到任何报告表格时才拒绝（退出码 2）。
退出码：0 没有错误级问题，1 有错误级问题，2 输入无法使用。`;

const enCheckUsage = `disclosure-report check <file|dir|-…> [--prev <last-year.json|dir>] [--rules <pack>…] [--expect <bodies.csv>] [--parts <dir>] [--json | --ndjson] [--ids] [--lang zh|en] [--jobs N|auto] [--strict]

Checks reports against the national format's rules and prints the findings, grouped
by file and severity (errors first). Report documents (.json) are read as they are; published
sources (.txt, .html, .docx, .pdf) are imported first. A directory is checked file by file, each
result printed as it comes, in memory that does not grow with the number of files. A .json file
holding a JSON array of reports has each checked as file[index] (from 0; the array is read whole,
16 MB at most). A .ndjson (or .jsonl) file has one report a line, read line by line, each named
file:line; - reads standard input: NDJSON or a JSON array (told by its first non-blank character).
A line that cannot be used fails alone (exit 2).

  --prev <file>   last year's report of the same agency (enables the prev.* rules); a folder
                  of last year's reports is matched by agency and year (each file read and
                  validated once; one that cannot be used is named once)
  --jobs N|auto   check in N worker processes; output keeps the files' order. auto: worker
                  processes (one per core) only with more than 2 cores and at least 8 published
                  sources (slow to import) among the first 32 inputs; otherwise this process
                  checks them: report documents (.json, NDJSON, standard input) are read and
                  checked so fast that handing them to workers costs more than it saves.
                  Each worker's heap is at most DISCLOSURE_WORKER_MAX_MB (default 1024) MB: a file
                  that needs more, or that makes a worker crash, is named as not checked (exit 2)
                  and the rest are checked
  --json          print [{ "file", "findings": [{ rule, target, severity, message, cells, expected?, actual? }],
                  "completeness"?: { read, expected } }] (completeness: for a published source)
  --ndjson        the entries of --json, one JSON line a report, each printed as soon as it is checked
  --ids           append each finding's rule[target], for grep
  --lang zh|en    language of the messages (default zh)
  --strict        refuse a published source on its first cell, row or label that differs from the
                  national format (default: check what could be read; what could not is reported
                  as import.* findings, e.g. import.unread-cell, import.label-matched)
  --rules <file>  a rule pack (a province's or a city's rules, JSON; repeatable), run with the
                  national rules; a pack that cannot be used is named (file, rule, path) and the
                  run stops (exit 2)
  --expect <file> the bodies expected to report (CSV: agency,bodyType[,parent]): after the
                  reports, those missing, not on the list, duplicated or published late
                  (region.missing …; with --json a last entry "region")
  --parts <dir>   the report checked is a summary: compare each cell with the sum of the
                  folder's reports (region.sum: the sum, the printed figure, the largest parts)

A published source is refused (exit 2) only when no report table can be read in it.
Exit status: 0 no error-level finding, 1 some error-level finding, 2 unusable input.`;

const zhImportUsage = `disclosure-report import <文件|目录…> [-o out.json | --out-dir 目录 [--force]] [--details] [--quiet] [--strict] [--lang zh|en]

读取公开发布的报告（提取的文本、门户网站 HTML、.docx、PDF；UTF-8 或 GB18030），写成报告文件。
单个文件不带 -o 时写到标准输出。目录逐个文件导入；一个文件出错不影响其余文件。

  -o, --out <文件>   单个原文的报告文件写到这里
  --out-dir <目录>   每个原文写一个 <名称>.json（保留子目录；给多个输入时，每个目录写到同名的
                     子目录）。文件名不会冲突：原文同名（不分大小写）时依次为 <名称>.<扩展名>.json、
                     <名称>-2.json……目录中已有的文件不会被覆盖：该原文记为失败并列出，除非 --force
  --force            覆盖 --out-dir 中已有的文件
  --details          写出 { report, form, encoding, provenance, notes, missing, completeness }，
                     而不只是报告本身
  --strict           原文中任一单元格、行或行名与国家格式不一致即拒绝（默认：保留所有能读取的
                     单元格；不能读取的记为 null，并给出警告说明位置和原因）
  --quiet            不在标准错误输出说明
  --lang zh|en       提示语言（默认 zh 中文；en 英文）

每个原文的说明和读取情况（已读取的单元格/格式中的单元格）写到标准错误输出。
退出码：0 全部导入，2 有原文无法导入（其中没有报告表格；逐个列出）。`;

const enImportUsage = `disclosure-report import <file|dir…> [-o out.json | --out-dir dir [--force]] [--details] [--quiet] [--strict] [--lang zh|en]

Reads reports as they are published (extracted text, portal HTML, .docx, PDF; UTF-8 or
GB18030) and writes report documents. One file without -o goes to standard output. A
directory is imported file by file; one bad file never stops the rest.

  -o, --out <file>   write the document of a single source here
  --out-dir <dir>    write one <name>.json per source (sub-folders kept; with several inputs, each
                     folder given goes to a folder of its name). Names never collide: <name>.<ext>.json,
                     then <name>-2.json, … when sources share a name (ignoring case). A file already
                     there is not overwritten: that source fails, named, unless --force
  --force            overwrite files already in --out-dir
  --details          write { report, form, encoding, provenance, notes, missing, completeness }
                     instead of the bare document
  --strict           refuse a source on its first cell, row or label that differs from the national
                     format (default: keep every cell that can be read; a cell that cannot is null,
                     with a warning note saying where and why)
  --quiet            no notes on standard error
  --lang zh|en       language of the messages (default zh)

Each source's notes and completeness (cells read / cells of the format) go to standard error.
Exit status: 0 all imported, 2 some source could not be imported (no report table in it; each is named).`;

const zhExportUsage = `disclosure-report export <文件|目录…> --to html|docx|csv|ndjson|json [-o 输出文件] [--lang zh|en] [--page]

把报告（报告文件或导入程序能读取的任何原文）写成另一种形式：
  html     静态 HTML：带无障碍标记、不含脚本的国家格式表格；默认是可粘贴到内容管理系统的片段
           （加 --page：带打印样式的完整网页；与 -o x.html 一起使用时样式写到旁边的 x.css，
           以适用严格 CSP 的网页）
  docx     A4 纸、国家格式表格版式的 Word 文档（需要 -o）
  json     报告文件（可直接粘贴到 <script type="application/json">：
           < > & U+2028 U+2029 写作 \\u003c ……）
  csv      id,table,row,column,value，带国家格式的表头（UTF-8 带 BOM，供 Excel/WPS 打开）；
           多个报告或一个目录：每个报告的每个单元格一行，
           file,agency,year,format,id,table,row,column,value
  ndjson   每个报告的每个单元格一个 JSON 对象，同批量 CSV

  -o, --out <文件>   写到此文件，而不是标准输出
  --lang zh|en       表头和提示用中文（默认，国家格式的名称）或英文
  --page             html：完整网页而不是片段

退出码：0 已写出，2 有原文无法读取（逐个列出，其余照常写出）或输出文件无法写入（列出文件和原因）。`;

const enExportUsage = `disclosure-report export <file|dir…> --to html|docx|csv|ndjson|json [-o out] [--lang zh|en] [--page]

Writes a report (a document or any source the importers read) in another form:
  html     static HTML: the national tables with accessibility markup and no script; a fragment
           to paste into a content system (with --page: a whole page with a print stylesheet,
           which with -o x.html is written to x.css beside it, for pages under a strict CSP)
  docx     a Word document with the national table layout on A4 (needs -o)
  json     the report document (safe to paste into <script type="application/json">:
           < > & U+2028 U+2029 written as \\u003c …)
  csv      id,table,row,column,value with the national labels (UTF-8 with BOM for Excel/WPS);
           several reports or a folder: one line per report and cell,
           file,agency,year,format,id,table,row,column,value
  ndjson   one JSON object per report and cell, as the batch CSV

  -o, --out <file>   write here instead of standard output
  --lang zh|en       labels and messages in Chinese (default, the national labels) or English
  --page             html: a whole page rather than a fragment

Exit status: 0 written, 2 some source could not be read (each is named; the rest is written)
or the output file could not be written (named, with the reason).`;

const zhReportUsage = `disclosure-report report <文件|目录…> -o <站点目录> [--prev <文件|目录>] [--rules 规则包.json]… [--title 标题] [--strict] [--lang zh|en]

把一个地区的报告（报告文件、报告文件的 JSON 数组、NDJSON，或公开发布的原文：与 check 读取的相同）
做成一个静态网站，可直接从文件夹打开（file://），也可放到任何网站上（严格的
内容安全策略下可用：没有内联脚本和样式，不请求外部资源）：
  index.html     概览：每份报告一行（机关、类型、发布日期与是否逾期、错误与警告数、导入完整度、
                 新收申请、公开率、不予公开率、复议诉讼纠错数），可排序、可筛选；
                 图表（SVG）：新收申请数量分布、办理结果构成、各规则的检查结果
  reports/*.html 每份报告一页：检查结果，以及由 <disclosure-report> 显示的报告，与上年报告对照
  findings.csv   全部检查结果，每行一条（可用 Excel、WPS 打开）
比率（公开率等）写明计算方法；办理结果总计少于 10 件时不计算比率。
站点目录须为空或为本命令以前生成的站点（整个替换）；生成失败时不留下不完整的站点。

  -o, --out <目录>     站点写到此目录（必需）
  --prev <文件|目录>   上年报告：按机关名称对应，用于跨年检查和对照
  --rules <文件>       另加地方规则包（可重复）
  --title <标题>       概览页标题（默认“政府信息公开工作年度报告概览（年度）”）
  --strict             公开发布的原文与国家格式有任何不符即拒绝读取
  --lang zh|en         站点和提示语言（默认 zh 中文；en 英文）

退出码：0 已生成（即使报告有错误），2 站点无法写出，或没有可读取的报告。`;

const enReportUsage = `disclosure-report report <file|dir…> -o <site folder> [--prev <file|dir>] [--rules pack.json]… [--title title] [--strict] [--lang zh|en]

Writes a static site of a region's reports (report documents, JSON arrays of them, NDJSON, or
published sources: what check reads) that opens from the folder itself (file://) and works
on any web server under a strict Content-Security-Policy (no inline script or style, no request
to anywhere else):
  index.html     the overview: a row per report (agency, body type, publication date and
                 whether late, errors and warnings, import completeness, new requests, share
                 disclosed, share refused, corrected on review), sortable and filterable; SVG
                 charts of the request volumes, the outcomes, and the findings by rule
  reports/*.html a page per report: its findings, and the report shown by <disclosure-report>
                 with last year's beside it
  findings.csv   every finding, one per line (for Excel or WPS)
Shares say how they are computed, and are not given below 10 requests handled.
The site folder must be empty or a site this command wrote (it is replaced whole); a run that
fails leaves no partial site.

  -o, --out <dir>      write the site here (required)
  --prev <file|dir>    last year's reports, matched by agency: across-year checks and comparison
  --rules <file>       a local rule pack, run with the national rules (repeatable)
  --title <title>      the overview's title
  --strict             refuse a published source on its first difference from the national format
  --lang zh|en         language of the site and the messages (default zh)

Exit status: 0 written (whatever the reports' findings), 2 the site could not be written, or no
report could be read.`;

const zhAggregateUsage = `disclosure-report aggregate <文件|目录…> [-o summary.json] [--agency 名称] [--title 标题] [--lang zh|en]

把一个地区的报告汇总成一份报告（汇总）：每个单元格为各报告之和（金额按所印小数位精确相加）；
某单元格在所有报告中都留空时仍留空；文字部分为空。各报告须为同一格式、同一年度，否则列出第一份
不同的报告并退出。报告逐个读取，文件再多内存也不随之增长。输出的报告文件另有 "summaryOf"：
所汇总的机关名单。可用 check 汇总报告.json --parts <目录> 与已公布的汇总报告比对。

  -o, --out <文件>   写到此文件，而不是标准输出
  --agency <名称>    汇总报告的机关名称（默认“N 份报告汇总”）
  --title <标题>     汇总报告的标题
  --lang zh|en       提示语言（默认 zh 中文；en 英文）

退出码：0 已汇总，2 有文件无法读取（逐个列出，不写出不完整的汇总）或报告无法汇总。`;

const enAggregateUsage = `disclosure-report aggregate <file|dir…> [-o summary.json] [--agency name] [--title title] [--lang zh|en]

Sums a region's reports into one report (汇总): every cell is the sum over the reports (amounts
exactly, to the last printed decimal); a cell blank in every report stays blank; the texts are
empty. The reports must be of one format and year; otherwise the first that differs is named.
Reports are read one at a time, in memory that does not grow with their number. The document
written also has "summaryOf": the agencies summed. Compare it with a published summary with
check summary.json --parts <dir>.

  -o, --out <file>   write here instead of standard output
  --agency <name>    the summary's agency (default "Sum of N reports")
  --title <title>    the summary's title
  --lang zh|en       language of the messages (default zh)

Exit status: 0 summed, 2 some file could not be read (each is named; no partial summary is
written) or the reports cannot be summed.`;

const zhTallyUsage = `disclosure-report tally <依申请公开台账.csv> --year 年度 [--appeals <复议诉讼台账.csv>] [-o 报告.json | --into 草稿.json] [--agency 名称] [--lang zh|en]
disclosure-report tally --template [requests|appeals|xlsx] [-o 模板.csv|模板.xlsx]

按国家格式的规则，从本机关的台账统计表三、表四：本年新收＝本年收到；上年结转＝本年以前收到、本年以前
未办结；办理结果＝本年办结的，按办理结果分列；结转下年度继续办理＝本年底以前收到、本年底未办结。
表四按类型（行政复议、未经复议直接起诉、复议后起诉）和结果（维持、纠正、其他、尚未审结）统计。
台账为 Excel/WPS 工作簿（.xlsx，两种台账各一个工作表，按表头识别）或 CSV（UTF-8 或 GB18030），表头：
  依申请公开台账：序号,收到日期,申请人类型,办理结果,办结日期（办结日期留空＝未办结）
  复议诉讼台账：序号,类型,结果（可加 收到日期：只计本年度收到的）
办理结果写国家格式的名称，如「予以公开」「不予公开 — 属于国家秘密」；简称（「国家秘密」）、全角、
空格等写法也能读取，但每处都会列出。每一行都会检查；有无法统计的行时逐行列出（行号、列、原因），
不写出任何文件。

  --year <年度>      报告年度
  --appeals <文件>   行政复议、行政诉讼台账
  -o, --out <文件>   写出新的报告文件（其余部分空白，待填写）；不给时写到标准输出
  --into <文件>      填入已有的报告文件（只改表三、表四）
  --agency <名称>    新报告的机关名称
  --template [requests|appeals|xlsx]  写出台账模板：CSV（带 BOM，供 Excel、WPS 打开），或 xlsx
                     （一个工作簿，两种台账各一个工作表；需要 -o）
  --lang zh|en       提示语言（默认 zh 中文；en 英文）

退出码：0 已统计，2 有无法统计的行（逐行列出）或文件无法读取、写入。`;

const enTallyUsage = `disclosure-report tally <requests-ledger.csv> --year year [--appeals <appeals-ledger.csv>] [-o report.json | --into draft.json] [--agency name] [--lang zh|en]
disclosure-report tally --template [requests|appeals|xlsx] [-o template.csv|template.xlsx]

Counts tables 三 and 四 from the office's own ledgers, by the national rules: 本年新收 = received
in the year; 上年结转 = received before it and not finished before it; outcomes = finished in the
year, by outcome; 结转下年度继续办理 = received by the end of the year and not finished by then.
Table 四 by type (行政复议, 未经复议直接起诉, 复议后起诉) and result (维持, 纠正, 其他, 尚未审结).
Ledgers are Excel/WPS workbooks (.xlsx: a sheet for each ledger, told apart by its header) or CSV
(UTF-8 or GB18030) with the headers
  requests: 序号,收到日期,申请人类型,办理结果,办结日期 (办结日期 blank = not finished)
  appeals:  序号,类型,结果 (and optionally 收到日期: only those received in the year count)
Outcomes by their national names, e.g. 「予以公开」, 「不予公开 — 属于国家秘密」; short forms
(「国家秘密」), full-width and spaced forms are read, each one listed. Every line is checked; lines
that cannot be counted are listed (line, column, why) and nothing is written.

  --year <year>      the report year
  --appeals <file>   the ledger of reconsiderations and lawsuits
  -o, --out <file>   write a new report document (the rest left blank to fill in); default: standard output
  --into <file>      fill tables 三 and 四 of an existing report document (nothing else changes)
  --agency <name>    the new report's agency
  --template [requests|appeals|xlsx]  write a ledger template: CSV (with a BOM, for Excel and WPS),
                     or xlsx (one workbook, a sheet for each ledger; needs -o)
  --lang zh|en       language of the messages (default zh)

Exit status: 0 counted, 2 some line cannot be counted (each listed) or a file cannot be read or written.`;

const zhSchemaUsage = `disclosure-report schema [--lang zh|en]

输出报告文件的 JSON Schema（draft 2020-12）。`;

const enSchemaUsage = `disclosure-report schema [--lang zh|en]

Prints the JSON Schema (draft 2020-12) of the report document.`;

const zh = {
  lang: 'zh-CN' as Lang,
  /** Between a file (or a file and place) and what is wrong with it. */
  colon: '：',

  // Help.
  usageLine: '用法：disclosure-report <命令> [选项]',
  commandsHeading: '命令：',
  optionsHeading: '选项：',
  commandUsage: { check: zhCheckUsage, import: zhImportUsage, export: zhExportUsage, aggregate: zhAggregateUsage, report: zhReportUsage, tally: zhTallyUsage, schema: zhSchemaUsage } as Record<CommandName, string>,
  commandSummary: {
    check: '按国家格式的规则检查报告（报告文件或公开发布的原文）',
    import: '读取公开发布的报告（文本、HTML、.docx、PDF），写成报告文件',
    export: '把报告写成静态 HTML、Word、CSV 或 JSON（目录：CSV 或 NDJSON，每个报告的每个单元格一行）',
    aggregate: '把一个地区的报告汇总成一份报告（每个单元格求和）',
    report: '把一个地区的报告做成静态网站：概览（可排序、筛选，附图表）、每份报告一页、findings.csv',
    tally: '从依申请公开台账和复议诉讼台账统计表三、表四',
    schema: '输出报告文件的 JSON Schema',
  } as Record<CommandName, string>,
  globalOptions: [
    ['--lang zh|en', '提示语言：zh 中文（默认），en 英文'],
    ['-h, --help', '显示帮助；"disclosure-report <命令> --help" 显示该命令的选项'],
    ['-v, --version', '显示版本'],
  ] as [string, string][],

  // Usage errors.
  unknownCommand: (c: string) => `未知命令“${c}”`,
  badLang: (v: string) => `--lang 只能是 zh 或 en，不能是“${v}”（--lang must be zh or en, got "${v}"）`,
  langMissing: '--lang 需要一个值：zh 或 en（--lang needs a value: zh or en）',
  unknownOption: (o: string) => `未知选项 ${o}（以 - 开头的文件名请放在 -- 之后）`,
  optionNeedsValue: (o: string) => `选项 ${o} 需要一个值`,
  optionTakesNoValue: (o: string) => `选项 ${o} 不带值`,
  unexpectedArgument: (a: string) => `多余的参数“${a}”`,
  needsFiles: (c: string) => `${c} 需要至少一个文件或目录`,
  badJobs: (v: string) => `--jobs 须为不小于 1 的整数或 auto，不能是“${v}”`,
  outAndOutDir: '-o 和 --out-dir 只能给一个',
  jsonAndNdjson: '--json 和 --ndjson 只能给一个',
  severalNeedOutDir: '多个原文需要 --out-dir',
  badForm: (forms: readonly string[], v: string) => `--to 须为 ${forms.join('、')} 之一，不能是“${v}”`,
  docxNeedsOut: '--to docx 需要 -o <文件.docx>',
  batchForms: '多个报告只能导出为 csv 或 ndjson（每个报告的每个单元格一行）',
  unexpectedFailure: (m: string) => `意外错误：${m}`,

  // Reading.
  noSuchFile: '文件不存在',
  permissionDenied: '没有权限',
  isDirectory: '是一个目录',
  notRegularFile: '不是普通文件',
  cannotRead: (why: string) => `无法读取：${why}`,
  tooLarge: (mb: string, limit: number) => `${mb} MB，超过报告可能的大小（至多 ${limit} MB）`,
  notJson: (detail: string) => `不是有效的 JSON（${detail}）`,
  notReport: '不是有效的报告文件',
  emptyArray: '空的 JSON 数组，其中没有报告',
  cannotImport: (m: string) => `无法导入：${m}`,
  place: (p: ImportPlace) =>
    [
      p.page !== undefined ? `第 ${p.page} 页` : '',
      p.line !== undefined ? `第 ${p.line} 行` : '',
      p.table !== undefined ? `表${p.table}` : '',
      p.row !== undefined ? `行「${p.row}」` : '',
      p.column !== undefined ? `列「${p.column}」` : '',
    ].filter(Boolean),
  placeJoin: (parts: string[]) => `（${parts.join('，')}）`,
  at: (p: TextPosition) => `第 ${p.line} 行第 ${p.column} 列`,
  /** Within one line of NDJSON (the line is in the entry's name). */
  atColumn: (column: number) => `第 ${column} 列`,
  /** The name of standard input in entries' names (`<stdin>:3`). */
  stdin: '<stdin>',
  arrayTooLarge: (limit: number) => `超过 ${limit} MB：JSON 数组整体读入，至多 ${limit} MB（更大的批量请用 NDJSON，每行一个报告）`,

  // Writing.
  noSuchDirectory: '目录不存在',
  parentNotDirectory: '上级路径不是目录',
  alreadyExists: '已存在',
  noSpace: '磁盘空间不足',
  quotaExceeded: '超出磁盘配额',
  readOnly: '文件系统只读',
  fileTooLarge: '文件过大',
  cannotWrite: (why: string) => `无法写入：${why}`,
  incomplete: '（文件不完整）',

  // check.
  severity: { error: '错误', warning: '警告', info: '提示' } as Record<Severity, string>,
  reportTitle: (agency: string, year: number, format: FormatId) => `${agency} ${year}（${format}年格式）`,
  cellsRead: (read: number, expected: number) => `读取 ${read}/${expected} 个单元格`,
  summary: (c: Record<Severity, number>) => `错误 ${c.error} 项，警告 ${c.warning} 项，提示 ${c.info} 项`,
  duplicate: (earlier: string) => `与 ${earlier} 是同一份报告（机关、年度、格式相同）`,
  prevNotUsed: (why: string) => `未用作去年的报告：${why}`,
  outOfMemory: (mb: number) => `未能检查：工作进程内存不足（超过 ${mb} MB；可用 DISCLOSURE_WORKER_MAX_MB 提高上限）`,
  workerStopped: (how: { signal?: string; code?: number | null }) =>
    `未能检查：工作进程意外退出（${how.signal ? `信号 ${how.signal}${how.signal === 'SIGKILL' ? '，可能是系统内存不足' : ''}` : `退出码 ${how.code}`}）`,

  // import.
  notWritten: (target: string) => `未写入：${target} 已存在（--force 可覆盖）`,
  cannotWriteTo: (target: string, why: string) => `无法写入 ${target}：${why}`,
  writtenTo: (target: string) => `已写入 ${target}`,
  importRead: (read: number, expected: number) =>
    `读取 ${read}/${expected} 个单元格${read < expected ? `（${expected - read} 个留空：见警告）` : ''}`,
  warningWord: '警告',
  imported: (n: number, total: number, failed: number) => `已导入 ${n}/${total}${failed ? `；失败 ${failed} 个` : ''}`,
  failedFile: (f: string) => `失败：${f}`,

  // aggregate.
  aggregated: (n: number, year: number, format: FormatId) => `已汇总 ${n} 份报告（${year} 年度，${format}年格式）`,
  aggregateIncomplete: (failed: number) => `有 ${failed} 个文件无法读取：未写出汇总（汇总须包括全部报告）`,
  aggregateNothing: '没有可汇总的报告',
  // report.
  siteNeedsOut: 'report 需要 -o <站点目录>',
  siteNotOurs: (dir: string) => `${dir} 不是空目录，也不是本命令生成的站点：不写入（请指定新目录或空目录）`,
  siteNothing: '没有可读取的报告：未生成站点',
  siteNoElement: (reason: string) => `找不到 <disclosure-report> 的脚本（@disclosure-report/elements 的 disclosure-report.classic.js）：${reason}`,
  siteWritten: (reports: number, unreadable: number, dir: string) => `已生成站点：${reports} 份报告${unreadable ? `，${unreadable} 项无法读取` : ''} → ${dir}`,

  // check: packs and regions.
  packRefused: (m: string) => `规则包无法使用：${m}`,
  partsIncomplete: (failed: number) => `--parts：有 ${failed} 个文件无法读取，未与汇总报告比对（比对须包括全部报告）`,
  regionHeading: (file: string, reports: number, bodies: number) => `名单核对（${file}：名单 ${bodies} 个机关，收到报告 ${reports} 份）`,
  regionSummary: (missing: number, unexpected: number, duplicate: number, late: number) =>
    `缺少 ${missing} 份，名单外 ${unexpected} 份，重复 ${duplicate} 个机关，逾期发布 ${late} 份`,

  // tally.
  badYear: (v: string) => `--year 须为报告年度（如 2025），不能是“${v}”`,
  badTemplate: (v: string) => `--template 须为 requests、appeals 或 xlsx，不能是“${v}”`,
  xlsxNeedsOut: '--template xlsx 需要 -o <文件.xlsx>',
  noLedgerSheet: (kind: 'requests' | 'appeals', sheets: string[]) =>
    `工作簿中没有${kind === 'requests' ? '依申请公开台账（表头应有：序号、收到日期、申请人类型、办理结果、办结日期）' : '复议诉讼台账（表头应有：序号、类型、结果）'}；工作表：${sheets.join('、') || '无'}`,
  outAndInto: '-o 和 --into 只能给一个',
  lineNumber: (line: number) => `第 ${line} 行`,
  ledgerLevel: { error: '无法统计', warning: '注意', info: '说明' } as Record<LedgerNote['level'], string>,
  tallyRefused: (n: number) => `有 ${n} 处无法统计：未写出报告（改正台账后重新统计）`,
  intoMismatch: (year: number) => `不是 ${year} 年度、2021 年格式的报告，无法填入`,
  tallied: (requests: number, appeals: number, year: number, out: string | undefined) =>
    `已统计 ${year} 年度：依申请公开台账 ${requests} 行${appeals ? `，复议诉讼台账 ${appeals} 行` : ''}${out ? `；已写入 ${out}` : ''}`,
};

export type Messages = typeof zh;

const en: Messages = {
  lang: 'en',
  colon: ': ',

  usageLine: 'Usage: disclosure-report <command> [options]',
  commandsHeading: 'Commands:',
  optionsHeading: 'Options:',
  commandUsage: { check: enCheckUsage, import: enImportUsage, export: enExportUsage, aggregate: enAggregateUsage, report: enReportUsage, tally: enTallyUsage, schema: enSchemaUsage },
  commandSummary: {
    check: "check reports (documents or published sources) against the national format's rules",
    import: 'read published reports (text, HTML, .docx, PDF) into report documents',
    export: 'write a report as static HTML, Word, CSV or JSON (a folder: CSV or NDJSON, one line per report and cell)',
    aggregate: "sum a region's reports into one report (every cell summed)",
    report: "write a static site of a region's reports: a sortable overview with charts, a page per report, findings.csv",
    tally: "count tables 三 and 四 from the office's ledgers of requests and appeals",
    schema: 'print the JSON Schema of the report document',
  },
  globalOptions: [
    ['--lang zh|en', 'language of the messages: zh Chinese (default), en English'],
    ['-h, --help', 'this help; "disclosure-report <command> --help" for a command\'s options'],
    ['-v, --version', 'the version'],
  ],

  unknownCommand: (c) => `unknown command "${c}"`,
  badLang: (v) => `--lang must be zh or en, got "${v}"`,
  langMissing: '--lang needs a value: zh or en',
  unknownOption: (o) => `unknown option ${o} (put a file name starting with - after --)`,
  optionNeedsValue: (o) => `option ${o} needs a value`,
  optionTakesNoValue: (o) => `option ${o} takes no value`,
  unexpectedArgument: (a) => `unexpected argument "${a}"`,
  needsFiles: (c) => `${c} needs at least one file or directory`,
  badJobs: (v) => `--jobs must be a whole number ≥ 1 or auto, got "${v}"`,
  outAndOutDir: 'give either -o or --out-dir, not both',
  jsonAndNdjson: 'give either --json or --ndjson, not both',
  severalNeedOutDir: 'several sources need --out-dir',
  badForm: (forms, v) => `--to must be one of ${forms.join(', ')}, got "${v}"`,
  docxNeedsOut: '--to docx needs -o <file.docx>',
  batchForms: 'several reports export to csv or ndjson (one line per report and cell)',
  unexpectedFailure: (m) => `unexpected failure: ${m}`,

  noSuchFile: 'no such file',
  permissionDenied: 'permission denied',
  isDirectory: 'is a directory',
  notRegularFile: 'not a regular file',
  cannotRead: (why) => `cannot read: ${why}`,
  tooLarge: (mb, limit) => `${mb} MB is more than a report can be (${limit} MB at most)`,
  notJson: (detail) => `not valid JSON (${detail})`,
  notReport: 'not a valid report document',
  emptyArray: 'an empty JSON array: no report in it',
  cannotImport: (m) => `cannot import: ${m}`,
  place: (p) =>
    [
      p.page !== undefined ? `page ${p.page}` : '',
      p.line !== undefined ? `line ${p.line}` : '',
      p.table !== undefined ? `table ${p.table}` : '',
      p.row !== undefined ? `row ${p.row}` : '',
      p.column !== undefined ? `column ${p.column}` : '',
    ].filter(Boolean),
  placeJoin: (parts) => ` (${parts.join(', ')})`,
  at: (p) => `line ${p.line}, column ${p.column}`,
  atColumn: (column) => `column ${column}`,
  stdin: '<stdin>',
  arrayTooLarge: (limit) => `more than ${limit} MB: a JSON array is read whole, ${limit} MB at most (for larger batches use NDJSON, one report a line)`,

  noSuchDirectory: 'no such directory',
  parentNotDirectory: 'a parent of it is not a directory',
  alreadyExists: 'already exists',
  noSpace: 'no space left on the device',
  quotaExceeded: 'disk quota exceeded',
  readOnly: 'read-only file system',
  fileTooLarge: 'file too large',
  cannotWrite: (why) => `cannot write: ${why}`,
  incomplete: ' (the file is incomplete)',

  severity: { error: 'error', warning: 'warning', info: 'info' },
  reportTitle: (agency, year, format) => `${agency} ${year} (${format} format)`,
  cellsRead: (read, expected) => `${read} of ${expected} cells read`,
  summary: (c) => `${c.error} ${c.error === 1 ? 'error' : 'errors'}, ${c.warning} ${c.warning === 1 ? 'warning' : 'warnings'}, ${c.info} info`,
  duplicate: (earlier) => `the same report (agency, year, format) as ${earlier}`,
  prevNotUsed: (why) => `not used as last year's report: ${why}`,
  outOfMemory: (mb) => `could not be checked: the worker ran out of memory (more than ${mb} MB; DISCLOSURE_WORKER_MAX_MB raises the limit)`,
  workerStopped: (how) =>
    `could not be checked: the worker stopped unexpectedly (${how.signal ? `signal ${how.signal}${how.signal === 'SIGKILL' ? ', perhaps the system ran out of memory' : ''}` : `exit code ${how.code}`})`,

  notWritten: (target) => `not written: ${target} already exists (--force overwrites it)`,
  cannotWriteTo: (target, why) => `cannot write ${target}: ${why}`,
  writtenTo: (target) => `written to ${target}`,
  importRead: (read, expected) => `${read} of ${expected} cells read${read < expected ? ` (${expected - read} left blank: see the warnings)` : ''}`,
  warningWord: 'warning',
  imported: (n, total, failed) => `imported ${n} of ${total}${failed ? `; failed: ${failed}` : ''}`,
  failedFile: (f) => `failed: ${f}`,

  aggregated: (n, year, format) => `summed ${n} reports (${year}, ${format} format)`,
  aggregateIncomplete: (failed) => `${failed} file(s) could not be read: no summary written (a summary must include every report)`,
  aggregateNothing: 'no reports to sum',
  siteNeedsOut: 'report needs -o <site folder>',
  siteNotOurs: (dir) => `${dir} is neither empty nor a site this command wrote: nothing written (name a new or empty folder)`,
  siteNothing: 'no report could be read: no site written',
  siteNoElement: (reason) => `the script of <disclosure-report> (disclosure-report.classic.js of @disclosure-report/elements) was not found: ${reason}`,
  siteWritten: (reports, unreadable, dir) => `site written: ${reports} reports${unreadable ? `, ${unreadable} could not be read` : ''} → ${dir}`,

  packRefused: (m) => `rule pack cannot be used: ${m}`,
  partsIncomplete: (failed) => `--parts: ${failed} file(s) could not be read: not compared with the summary (a comparison must include every report)`,
  regionHeading: (file, reports, bodies) => `Bodies on the list (${file}: ${bodies} bodies, ${reports} reports received)`,
  regionSummary: (missing, unexpected, duplicate, late) => `missing ${missing}, not on the list ${unexpected}, duplicated ${duplicate}, published late ${late}`,

  badYear: (v) => `--year must be the report year (e.g. 2025), got "${v}"`,
  badTemplate: (v) => `--template must be requests, appeals or xlsx, got "${v}"`,
  xlsxNeedsOut: '--template xlsx needs -o <file.xlsx>',
  noLedgerSheet: (kind, sheets) =>
    `no ${kind === 'requests' ? 'requests ledger (a header with 序号, 收到日期, 申请人类型, 办理结果, 办结日期)' : 'appeals ledger (a header with 序号, 类型, 结果)'} in the workbook; its sheets: ${sheets.join(', ') || 'none'}`,
  outAndInto: 'give either -o or --into, not both',
  lineNumber: (line) => `line ${line}`,
  ledgerLevel: { error: 'cannot count', warning: 'note', info: 'about' },
  tallyRefused: (n) => `${n} place(s) cannot be counted: no report written (correct the ledger and count again)`,
  intoMismatch: (year) => `not a report for ${year} in the 2021 format: cannot fill it`,
  tallied: (requests, appeals, year, out) =>
    `counted ${year}: ${requests} line(s) of requests${appeals ? `, ${appeals} of appeals` : ''}${out ? `; written to ${out}` : ''}`,
};

/** The CLI's texts in this language. */
export function messages(lang: Lang): Messages {
  return lang === 'en' ? en : zh;
}

/** `zh`, `zh-CN` (any case) or `en` as a language; undefined for anything else. */
export function parseLang(value: string): Lang | undefined {
  const v = value.toLowerCase();
  if (v === 'zh' || v === 'zh-cn') return 'zh-CN';
  if (v === 'en') return 'en';
  return undefined;
}

/**
 * Takes `--lang X` / `--lang=X` out of the arguments (anywhere before a `--`), before anything
 * else is parsed, so that every later message (a usage error about another option too) is in
 * that language. The last one given wins; `error` is a usage error (said in both languages).
 */
export function takeLang(argv: readonly string[]): { lang: Lang; args: string[]; error?: string } {
  let lang: Lang = 'zh-CN';
  let error: string | undefined;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      args.push(...argv.slice(i));
      break;
    }
    let value: string | undefined;
    if (arg === '--lang') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) {
        error = zh.langMissing;
        continue;
      }
      value = next;
      i++;
    } else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
    else {
      args.push(arg);
      continue;
    }
    const parsed = parseLang(value);
    if (parsed) lang = parsed;
    else error = zh.badLang(value);
  }
  return error === undefined ? { lang, args } : { lang, args, error };
}

/** The first line of a command's usage: its synopsis, as the top-level help lists it. */
export function synopsis(m: Messages, command: CommandName): string {
  return m.commandUsage[command].split('\n', 1)[0] as string;
}

/** The top-level help: each command's synopsis (its usage's first line) and what it does. */
export function topUsage(m: Messages): string {
  const options = m.globalOptions;
  const width = Math.max(...options.map(([o]) => displayWidth(o)));
  return [
    m.usageLine,
    '',
    m.commandsHeading,
    ...commandNames.flatMap((c) => [`  ${synopsis(m, c)}`, `      ${m.commandSummary[c]}`]),
    '',
    m.optionsHeading,
    ...options.map(([o, what]) => `  ${padDisplay(o, width)}  ${what}`),
  ].join('\n');
}

/** A parseArgs error (ERR_PARSE_ARGS_*) in words of this language. */
export function parseArgsMessage(m: Messages, err: { code?: string; message: string }): string {
  const quoted = /'([^']*)'/.exec(err.message)?.[1] ?? '';
  const option = /--[^\s,<]+/.exec(quoted)?.[0] ?? /-[^\s,<]+/.exec(quoted)?.[0] ?? quoted;
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return m.unknownOption(option);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(err.message) ? m.optionTakesNoValue(option) : m.optionNeedsValue(option);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return m.unexpectedArgument(quoted);
    default:
      return err.message;
  }
}

/**
 * `file: message` as the CLI prints it; with a position, `file, line 3, column 14: message`
 * (`file 第 3 行第 14 列：message`).
 */
export function fileMessage(m: Messages, file: string, message: string): string {
  return `${file}${m.colon}${message}`;
}

/** A message with the place in the file it concerns, before the file is named: `line 3, column 14: …`. */
export function locatedMessage(m: Messages, at: TextPosition, message: string): string {
  return `${m.at(at)}${m.colon}${message}`;
}

/** `file` followed by a located message (`file, line 3 …` / `file 第 3 行…`) or a plain one (`file: …`). */
export function fileLine(m: Messages, file: string, message: string, located = false): string {
  if (!located) return fileMessage(m, file, message);
  return `${file}${m.lang === 'en' ? ', ' : ' '}${message}`;
}

// East Asian Wide (W) and Fullwidth (F) ranges (Unicode 15, EastAsianWidth.txt), merged: each
// such character takes two columns of a terminal.
const wideRanges: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

/** Whether this code point is East Asian Wide or Fullwidth (two columns on a terminal). */
export function isWide(codePoint: number): boolean {
  if (codePoint < 0x1100) return false;
  let lo = 0;
  let hi = wideRanges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = wideRanges[mid] as [number, number];
    if (codePoint < start) hi = mid - 1;
    else if (codePoint > end) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * The columns a text takes on a terminal: 2 for each East Asian Wide or Fullwidth character
 * (汉字, full-width punctuation such as （）：), 0 for combining marks and zero-width characters,
 * 1 for the rest.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    if (/\p{Mn}|\p{Me}|[\u200b-\u200f\u2060\ufeff]/u.test(ch)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

/** The text padded with spaces to this display width. */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Severities in the order findings are listed. */
export const severityOrder: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * Findings in the order they are listed (the terminal, the region site): `suspect.cell` first
 * (the cell to fix, which explains the failing sums below it), then by severity in the engine's order.
 */
export function listed(findings: readonly Finding[]): Finding[] {
  const rest = findings.filter((f) => f.rule !== 'suspect.cell');
  return [...findings.filter((f) => f.rule === 'suspect.cell'), ...severityOrder.flatMap((s) => rest.filter((f) => f.severity === s))];
}
