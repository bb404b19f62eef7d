/**
 * The UI strings of the elements (chrome around the national tables: status messages,
 * finding labels, screen-reader hints). The national labels themselves are never here:
 * they come from the core taxonomy. Every string can be overridden through the `i18n`
 * property of an element (a partial object, merged over these defaults).
 */
import type { BodyType, Lang, Severity } from '@disclosure-report/core';

export interface DisclosureStrings {
  /** Shown while the report is being fetched. */
  loading: string;
  /** Shown when there is neither a `report`, a JSON child nor a `src`. */
  empty: string;
  /** Heading of the error box; the detail follows. */
  loadFailed: string;
  /** `src` answered with an HTTP error: `{status}`. */
  httpError: string;
  /** The network request failed. */
  networkError: string;
  /** `src` is not an http(s) or relative URL (`javascript:`, `data:`, `file:` … are never fetched). */
  unsafeUrl: string;
  /** The data are not JSON. */
  invalidJson: string;
  /** The JSON is not a report document (`{detail}`). */
  notAReport: string;
  /** Report metadata. */
  agency: string;
  year: string;
  yearValue: string;
  publishedOn: string;
  publishedOnUnknown: string;
  /** Whose report it is: the label, the choice 未注明 (unknown), and each body type's name. */
  bodyType: string;
  bodyTypeUnknown: string;
  bodyTypeValue: Record<BodyType, string>;
  untitled: string;
  /** A free-text section with no text. */
  sectionEmpty: string;
  /** Text for screen readers in a blank cell (the published table left it empty). */
  blankCell: string;
  /** Text for screen readers in a cell the report does not have. */
  missingCell: string;
  /** The findings list. */
  findingsHeading: string;
  findingsNone: string;
  findingsSummary: string;
  /** The standalone bundle loads the checks on demand: while they load, and when they could not be (`{detail}`). */
  checksLoading: string;
  checksFailed: string;
  /** Compare mode, under a figure: last year's `{value}`. */
  compareLast: string;
  /** Last year's figure when it was blank. */
  compareBlank: string;
  /** For screen readers: `{delta}` more than last year. */
  compareUp: string;
  /** For screen readers: `{delta}` less than last year. */
  compareDown: string;
  compareSame: string;
  /** After a sentence that repeats last year's, for screen readers. */
  compareRepeated: string;
  /** Above the report: compared with `{agency}`'s report of `{year}`. */
  compareWith: string;
  /** Appended: `{count}` sentences repeat last year's. */
  compareRepeatedCount: string;
  compareNone: string;
  /** Last year's report could not be loaded: `{detail}`. */
  compareFailed: string;
  provenanceSource: string;
  provenanceWhere: string;
  provenancePrinted: string;
  /** The row's and the column's labels as the source prints them. */
  provenanceRowLabel: string;
  provenanceColumnLabel: string;
  provenancePage: string;
  provenanceTable: string;
  provenanceRow: string;
  provenanceColumn: string;
  provenanceLine: string;
  provenanceJoin: string;
  provenanceClose: string;
  packsLoading: string;
  ledgerMenu: string;
  ledgerFill: string;
  ledgerTemplate: string;
  ledgerAppealsTemplate: string;
  ledgerTemplateFile: string;
  ledgerAppealsTemplateFile: string;
  ledgerWorkbookTemplate: string;
  ledgerWorkbookFile: string;
  /** A file chosen for 从台账生成 that has no ledger's header: `{name}`. */
  ledgerNotLedger: string;
  ledgerXlsxUnavailable: string;
  /** A file too large to be a ledger: `{name}`. */
  ledgerTooLarge: string;
  ledgerNoRequests: string;
  ledgerFormat: string;
  /** `{detail}`: why nothing was filled in. */
  ledgerFailed: string;
  /** `{requests}` lines counted. */
  ledgerFilled: string;
  /** `{requests}` and `{appeals}` lines counted. */
  ledgerFilledBoth: string;
  /** `{count}` places that cannot be counted. */
  ledgerRefused: string;
  /** Before a note: `{line}` of the requests ledger. */
  ledgerLine: string;
  /** Before a note: `{line}` of the appeals ledger. */
  ledgerAppealLine: string;
  /** `{count}` notes not listed. */
  ledgerMore: string;
  /** A filled cell's title: the ledger `{lines}` behind its figure. */
  ledgerLines: string;
  ledgerAppealLines: string;
  /** A filled total's title. */
  ledgerSum: string;
  /** A filled cell with no line behind it (0). */
  ledgerNone: string;
  packsFailed: string;
  /** The standalone bundle loads edit mode on demand: while it loads, and when it could not be (`{detail}`). */
  editLoading: string;
  editFailed: string;
  /** Many blank cells, listed as one group: `{count}`. */
  blankCellsGroup: string;
  /** Edit mode: appended to the summary: `{count}` findings held back until their cells are filled in or 检查全部. */
  findingsHeld: string;
  /** Edit mode: nothing found in what is filled in; `{count}` held back. */
  findingsNoneYet: string;
  /** Edit mode: the action of a pinpointed cell: change it to `{value}`; or swap two transposed cells. */
  fixTo: string;
  fixSwap: string;
  /** Status after a fix: `{cells}` (name, old → new). */
  fixApplied: string;
  /** Edit mode: show the findings about what is not filled in yet too. */
  checkAll: string;
  /** Screen-reader text on a marked cell: `{count}` findings. */
  cellFlagged: string;
  goToCell: string;
  severity: Record<Severity, string>;
  /** Edit mode: the toolbar. */
  editToolbar: string;
  undo: string;
  redo: string;
  autoTotals: string;
  exportJson: string;
  importFile: string;
  print: string;
  /** Edit mode: the marker on a total the element computes. */
  autoMark: string;
  /** Accessible name suffix of a computed total. */
  autoCellSuffix: string;
  /** Placeholder of a blank cell (blank is not 0). */
  blankPlaceholder: string;
  /** Edit mode: metadata fields. */
  title: string;
  titlePlaceholder: string;
  format: string;
  /** Placeholder of an empty free-text section. */
  sectionPlaceholder: string;
  /** Why a typed value was refused. */
  refusedNotNumber: string;
  refusedNotWhole: string;
  refusedNotInteger: string;
  refusedNegative: string;
  refusedDecimals: string;
  refusedUnitCount: string;
  refusedUnitAmount: string;
  refusedTooLong: string;
  /** Digits apart, not a grouping of three (「1 2」). */
  refusedSpacedDigits: string;
  /** Beyond 10^9 items or 10^10 万元 (core's cellValueLimits). */
  refusedTooLarge: string;
  /** More digits than a number keeps exactly. */
  refusedInexact: string;
  refusedYear: string;
  /** A refusal announced: `{cell}`, `{reason}`. */
  cellRefused: string;
  /** Pasting. */
  pasteDone: string;
  pasteDoesNotFit: string;
  pasteBadValue: string;
  pasteAutoTotals: string;
  /** Auto totals: `{count}` cells filled, `{cells}` their names. */
  autoFilled: string;
  undone: string;
  redone: string;
  formatChanged: string;
  /** Drafts. A draft saved at `{time}` was found; the fields wait for the answer. */
  draftFound: string;
  draftRestore: string;
  draftDiscard: string;
  draftRestored: string;
  draftSaved: string;
  draftsUnavailable: string;
  /** Another tab saved a draft of the same report at `{time}`. */
  draftConflict: string;
  draftKeepMine: string;
  draftLoadOther: string;
  /** Another tab discarded this report's draft: this page's changes were saved as the draft again. */
  draftResaved: string;
  /** The stored draft could not be read and was moved to the key `{key}`. */
  draftInvalid: string;
  /** Form reset: the changes stay in the draft until the next change, and undo brings them back. */
  formReset: string;
  /** Import and export. */
  imported: string;
  importFailed: string;
  importJsonOnly: string;
  /** After importing a published file: `{read}` of `{expected}` cells read. */
  importRead: string;
  /** Appended when cells could not be read: `{count}` (they are marked in the tables). */
  importUnread: string;
  /** Appended when the import left warnings: `{count}`, listed with the findings. */
  importWarnings: string;
  /** The button that dismisses the import's summary, warnings and marks. */
  importDismiss: string;
  /** Form validity: `{count}` error findings, `{first}` the first message. */
  invalidReport: string;
  invalidCells: string;
}

export const defaultStrings: Record<Lang, DisclosureStrings> = {
  'zh-CN': {
    loading: '正在加载年度报告……',
    empty: '没有可显示的年度报告。',
    loadFailed: '年度报告加载失败',
    httpError: '服务器返回错误（HTTP {status}）。',
    networkError: '无法连接服务器，请稍后再试。',
    unsafeUrl: '数据地址只能是 http(s) 地址或相对地址。',
    invalidJson: '数据不是有效的 JSON。',
    notAReport: '数据不是年度报告文档：{detail}',
    agency: '发布机关',
    year: '报告年度',
    yearValue: '{year}年度',
    publishedOn: '发布日期',
    publishedOnUnknown: '未注明',
    bodyType: '发布机关类型',
    bodyTypeUnknown: '未注明',
    bodyTypeValue: { government: '人民政府（本级政府报告）', department: '政府部门' },
    untitled: '政府信息公开工作年度报告',
    sectionEmpty: '（未填写）',
    blankCell: '空白',
    missingCell: '无此项',
    findingsHeading: '检查结果',
    findingsNone: '未发现问题。',
    checksLoading: '正在加载检查程序……',
    checksFailed: '检查程序加载失败，无法检查：{detail}',
    compareLast: '上年 {value}',
    compareBlank: '空白',
    compareUp: '，比上年增加 {delta}',
    compareDown: '，比上年减少 {delta}',
    compareSame: '，与上年持平',
    compareRepeated: '（与上年报告相同）',
    compareWith: '对照上年：{agency} {year} 年度报告。各数字下为上年数字及增减（空白与 0 分开）',
    compareRepeatedCount: '；与上年相同的 {count} 句已标出',
    compareNone: '对照上年：未提供上年报告',
    compareFailed: '上年报告无法加载：{detail}',
    provenanceSource: '来源',
    provenanceWhere: '位置',
    provenancePrinted: '原文',
    provenanceRowLabel: '行标题',
    provenanceColumnLabel: '列标题',
    provenancePage: '第 {page} 页',
    provenanceTable: '表格 {table}',
    provenanceRow: '第 {row} 行',
    provenanceColumn: '第 {column} 列',
    provenanceLine: '第 {line} 行',
    provenanceJoin: '，',
    provenanceClose: '关闭',
    packsLoading: '正在加载规则包……',
    ledgerMenu: '台账',
    ledgerFill: '从台账生成',
    ledgerTemplate: '下载依申请公开台账模板',
    ledgerAppealsTemplate: '下载复议诉讼台账模板',
    ledgerTemplateFile: '依申请公开台账模板.csv',
    ledgerAppealsTemplateFile: '复议诉讼台账模板.csv',
    ledgerWorkbookTemplate: '下载台账模板（Excel 工作簿）',
    ledgerWorkbookFile: '台账模板.xlsx',
    ledgerNotLedger: '{name} 不是台账：表头应为 序号,收到日期,申请人类型,办理结果,办结日期（复议诉讼台账：序号,类型,结果）',
    ledgerXlsxUnavailable: '此页面只能读取 CSV 台账：请在 Excel 或 WPS 中另存为 CSV',
    ledgerTooLarge: '{name} 超过 64 MB，不是台账',
    ledgerNoRequests: '没有依申请公开台账（复议诉讼台账请与它一起选择）',
    ledgerFormat: '台账只能填入 2021 年格式的报告',
    ledgerFailed: '未能从台账生成：{detail}',
    ledgerFilled: '已从台账统计 {requests} 行，填入表三、表四（可撤销）',
    ledgerFilledBoth: '已从台账统计：依申请公开 {requests} 行、复议诉讼 {appeals} 行，填入表三、表四（可撤销）',
    ledgerRefused: '台账有 {count} 处无法统计，未填入（改正台账后重新生成）：',
    ledgerLine: '依申请公开台账第 {line} 行：',
    ledgerAppealLine: '复议诉讼台账第 {line} 行：',
    ledgerMore: '另有 {count} 条',
    ledgerLines: '由台账统计：依申请公开台账第 {lines} 行',
    ledgerAppealLines: '由台账统计：复议诉讼台账第 {lines} 行',
    ledgerSum: '由台账统计：各项之和',
    ledgerNone: '由台账统计：台账中没有',
    packsFailed: '规则包无法使用，以下只按国家规则检查：{detail}',
    editLoading: '正在加载编辑功能……',
    editFailed: '编辑功能加载失败，只能查看：{detail}',
    findingsSummary: '错误 {error} 项，警告 {warning} 项，提示 {info} 项',
    blankCellsGroup: '{count} 个单元格未填写（没有数字时应填 0），展开查看',
    findingsHeld: ' · 另有 {count} 项待填写后检查',
    findingsNoneYet: '已填写的部分未发现问题 · 另有 {count} 项待填写后检查',
    fixTo: '改为 {value}',
    fixSwap: '对调',
    fixApplied: '已修改 {cells}，可撤销',
    checkAll: '检查全部',
    cellFlagged: '（{count} 项检查结果）',
    goToCell: '定位到表格',
    severity: { error: '错误', warning: '警告', info: '提示' },
    editToolbar: '编辑工具',
    undo: '撤销',
    redo: '重做',
    autoTotals: '自动计算合计',
    exportJson: '导出 JSON',
    importFile: '导入文件',
    print: '打印',
    autoMark: '自动',
    autoCellSuffix: '（自动计算）',
    blankPlaceholder: '空',
    title: '标题',
    titlePlaceholder: '（按发布机关和年度自动生成）',
    format: '格式',
    sectionPlaceholder: '请填写本部分内容（纯文本，段落之间换行）',
    refusedNotNumber: '不是数字',
    refusedNotWhole: '应为不小于 0 的整数',
    refusedNotInteger: '应为整数',
    refusedNegative: '不能为负数',
    refusedDecimals: '金额（万元）最多保留 4 位小数',
    refusedUnitCount: '这一栏填写件数，不是金额',
    refusedUnitAmount: '这一栏填写金额（万元），不是件数',
    refusedTooLong: '内容过长，不是数字',
    refusedSpacedDigits: '数字之间有空格（空格只能分隔三位一组的数字，如 1 234）',
    refusedTooLarge: '数值过大（件数不超过 10 亿，金额不超过 100 万亿元）',
    refusedInexact: '位数过多，无法准确保存',
    refusedYear: '年度应为四位数字，例如 2023',
    cellRefused: '{cell}：「{text}」{reason}，未采用',
    pasteDone: '已粘贴 {rows} 行 × {cols} 列',
    pasteDoesNotFit: '粘贴的区域（{rows} 行 × {cols} 列）超出表格范围，未作任何修改',
    pasteBadValue: '第 {row} 行第 {col} 列「{text}」{reason}，整块粘贴未作任何修改',
    pasteAutoTotals: '（合计按自动计算）',
    autoFilled: '已自动计算 {count} 个合计：{cells}',
    undone: '已撤销',
    redone: '已重做',
    formatChanged: '已改为{label}，表二按新格式重新填写；可撤销',
    draftFound: '发现 {time} 自动保存的草稿，请先选择：',
    draftRestore: '恢复草稿',
    draftDiscard: '放弃草稿',
    draftRestored: '已恢复草稿',
    draftSaved: '草稿已于 {time} 自动保存',
    draftsUnavailable: '浏览器无法保存草稿（存储不可用或已满），请及时导出 JSON。',
    draftConflict: '这份报告也在另一个窗口或标签页中编辑，那里于 {time} 保存了草稿。本页的修改暂未保存，请选择：',
    draftKeepMine: '保留本页的修改',
    draftLoadOther: '载入那里的草稿',
    draftResaved: '另一个窗口或标签页放弃了草稿，本页的修改已重新保存。',
    draftInvalid: '草稿已损坏，已移到 {key}。',
    formReset: '已重置；修改仍在草稿中，可撤销。',
    imported: '已导入 {name}',
    importFailed: '导入失败：{detail}',
    importJsonOnly: '此页面只能导入 JSON 文件',
    importRead: '已读取 {read}/{expected} 个单元格',
    importUnread: '，{count} 个未能读取（表中已标出）',
    importWarnings: '；{count} 条导入提示请核对，见下方检查结果',
    importDismiss: '关闭提示',
    invalidReport: '年度报告有 {count} 项错误：{first}',
    invalidCells: '有 {count} 个单元格的内容不是有效数字：{first}',
  },
  en: {
    loading: 'Loading the annual report…',
    empty: 'There is no annual report to show.',
    loadFailed: 'The annual report could not be loaded',
    httpError: 'The server answered with an error (HTTP {status}).',
    networkError: 'The server could not be reached. Please try again later.',
    unsafeUrl: 'The data address must be an http(s) or relative URL.',
    invalidJson: 'The data are not valid JSON.',
    notAReport: 'The data are not an annual report document: {detail}',
    agency: 'Agency',
    year: 'Year',
    yearValue: '{year}',
    publishedOn: 'Published',
    publishedOnUnknown: 'not stated',
    bodyType: 'Body type',
    bodyTypeUnknown: 'not stated',
    bodyTypeValue: { government: "People's government (its own report)", department: 'Government department' },
    untitled: 'Government information disclosure annual report',
    sectionEmpty: '(not filled in)',
    blankCell: 'blank',
    missingCell: 'not in this report',
    findingsHeading: 'Checks',
    findingsNone: 'No problems found.',
    checksLoading: 'Loading the checks…',
    checksFailed: 'The checks could not be loaded; the report is not checked: {detail}',
    compareLast: 'last year {value}',
    compareBlank: 'blank',
    compareUp: ', up {delta} on last year',
    compareDown: ', down {delta} on last year',
    compareSame: ', the same as last year',
    compareRepeated: ' (the same as last year\'s report)',
    compareWith: 'Compared with last year: the report of {agency} for {year}. Under each figure, last year\'s and the change (blank and 0 kept apart)',
    compareRepeatedCount: '; {count} sentences the same as last year\'s are marked',
    compareNone: 'Compared with last year: no report of last year given',
    compareFailed: 'Last year\'s report could not be loaded: {detail}',
    provenanceSource: 'Source',
    provenanceWhere: 'Where',
    provenancePrinted: 'Printed',
    provenanceRowLabel: 'Row as printed',
    provenanceColumnLabel: 'Column as printed',
    provenancePage: 'page {page}',
    provenanceTable: 'table {table}',
    provenanceRow: 'row {row}',
    provenanceColumn: 'column {column}',
    provenanceLine: 'line {line}',
    provenanceJoin: ', ',
    provenanceClose: 'Close',
    packsLoading: 'Loading the rule packs…',
    ledgerMenu: 'Ledger',
    ledgerFill: 'Fill from the ledgers',
    ledgerTemplate: 'Download the requests ledger template',
    ledgerAppealsTemplate: 'Download the appeals ledger template',
    ledgerTemplateFile: 'requests-ledger-template.csv',
    ledgerAppealsTemplateFile: 'appeals-ledger-template.csv',
    ledgerWorkbookTemplate: 'Download the ledger template (Excel workbook)',
    ledgerWorkbookFile: 'ledger-template.xlsx',
    ledgerNotLedger: '{name} is not a ledger: its header must be 序号,收到日期,申请人类型,办理结果,办结日期 (appeals: 序号,类型,结果)',
    ledgerXlsxUnavailable: 'This page reads CSV ledgers only: save the ledger as CSV in Excel or WPS',
    ledgerTooLarge: '{name} is over 64 MB: not a ledger',
    ledgerNoRequests: 'No requests ledger (choose the appeals ledger together with it)',
    ledgerFormat: 'The ledgers fill reports of the 2021 format only',
    ledgerFailed: 'Not filled from the ledgers: {detail}',
    ledgerFilled: '{requests} ledger lines counted into tables 三 and 四 (undo to take it back)',
    ledgerFilledBoth: '{requests} request lines and {appeals} appeal lines counted into tables 三 and 四 (undo to take it back)',
    ledgerRefused: '{count} places in the ledgers cannot be counted; nothing was filled in (correct the ledger and fill again):',
    ledgerLine: 'requests ledger line {line}: ',
    ledgerAppealLine: 'appeals ledger line {line}: ',
    ledgerMore: '{count} more',
    ledgerLines: 'From the ledger: requests ledger lines {lines}',
    ledgerAppealLines: 'From the ledger: appeals ledger lines {lines}',
    ledgerSum: 'From the ledger: the sum of its parts',
    ledgerNone: 'From the ledger: none in it',
    packsFailed: 'The rule packs cannot be used; the findings below are the national rules\' alone: {detail}',
    editLoading: 'Loading the editor…',
    editFailed: 'The editor could not be loaded; the report can only be viewed: {detail}',
    findingsSummary: '{error} errors, {warning} warnings, {info} notes',
    blankCellsGroup: '{count} cells are blank (write 0 when there is nothing to report); open to see them',
    findingsHeld: ' · {count} more held back until checked',
    findingsNoneYet: 'Nothing wrong in what is filled in · {count} more held back until checked',
    fixTo: 'Change to {value}',
    fixSwap: 'Swap',
    fixApplied: 'Changed {cells}; Undo restores it',
    checkAll: 'Check all',
    cellFlagged: '({count} check findings)',
    goToCell: 'Go to the table',
    severity: { error: 'Error', warning: 'Warning', info: 'Note' },
    editToolbar: 'Editing tools',
    undo: 'Undo',
    redo: 'Redo',
    autoTotals: 'Compute totals',
    exportJson: 'Export JSON',
    importFile: 'Import a file',
    print: 'Print',
    autoMark: 'auto',
    autoCellSuffix: ' (computed)',
    blankPlaceholder: 'blank',
    title: 'Title',
    titlePlaceholder: '(from the agency and year)',
    format: 'Format',
    sectionPlaceholder: 'Plain text; one paragraph per line',
    refusedNotNumber: 'is not a number',
    refusedNotWhole: 'must be a whole number ≥ 0',
    refusedNotInteger: 'must be a whole number',
    refusedNegative: 'cannot be negative',
    refusedDecimals: 'has more than 4 decimals (amounts are in 万元)',
    refusedUnitCount: 'is an amount; this cell counts items',
    refusedUnitAmount: 'is a count; this cell is an amount in 万元',
    refusedTooLong: 'is too long to be a number',
    refusedSpacedDigits: 'has a space between digits (a space may only separate groups of three, as in 1 234)',
    refusedTooLarge: 'is too large (at most 1,000,000,000 items or 10,000,000,000 万元)',
    refusedInexact: 'has too many digits to be kept exactly',
    refusedYear: 'The year must have four digits, e.g. 2023',
    cellRefused: '{cell}: “{text}” {reason}; not taken',
    pasteDone: 'Pasted {rows} rows × {cols} columns',
    pasteDoesNotFit: 'The pasted block ({rows} rows × {cols} columns) does not fit in the table; nothing was changed',
    pasteBadValue: 'Row {row}, column {col}: “{text}” {reason}; nothing was pasted',
    pasteAutoTotals: ' (totals computed)',
    autoFilled: 'Computed {count} totals: {cells}',
    undone: 'Undone',
    redone: 'Redone',
    formatChanged: 'Changed to {label}; table 2 follows the new format. Undo restores it.',
    draftFound: 'A draft saved at {time} was found. Choose before editing:',
    draftRestore: 'Restore the draft',
    draftDiscard: 'Discard it',
    draftRestored: 'Draft restored',
    draftSaved: 'Draft saved at {time}',
    draftsUnavailable: 'Drafts cannot be saved in this browser (storage blocked or full). Export the JSON from time to time.',
    draftConflict: 'This report is also being edited in another window or tab, which saved a draft at {time}. Changes on this page are not saved yet; choose:',
    draftKeepMine: 'Keep the changes on this page',
    draftLoadOther: 'Load the other draft',
    draftResaved: 'Another window or tab discarded the draft. Changes on this page were saved again.',
    draftInvalid: 'The draft was damaged; it was moved to {key}.',
    formReset: 'Reset; the changes stay in the draft, and Undo brings them back.',
    imported: 'Imported {name}',
    importFailed: 'Import failed: {detail}',
    importJsonOnly: 'Only JSON files can be imported on this page',
    importRead: '{read} of {expected} cells read',
    importUnread: '; {count} could not be read (marked in the tables)',
    importWarnings: '; warnings to check: {count}, listed under Checks below',
    importDismiss: 'Dismiss',
    invalidReport: 'The report has {count} errors: {first}',
    invalidCells: '{count} cells do not hold a valid number: {first}',
  },
};

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

const timesOfDay = new WeakMap<Date, { lang: string; text: string }>();
/**
 * `date.toLocaleTimeString(lang)`, kept per date: edit mode shows when the draft was last saved
 * on every render (every keystroke), and each call with a locale builds a new formatter (~17 µs in chromium, against ~1 µs kept).
 */
export function timeOfDay(date: Date, lang: string): string {
  const kept = timesOfDay.get(date);
  if (kept?.lang === lang) return kept.text;
  const text = date.toLocaleTimeString(lang);
  timesOfDay.set(date, { lang, text });
  return text;
}

/** Maps any BCP 47 tag to a UI language: `en…` → en, everything else → zh-CN (the national format). */
export function toLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  return null;
}

/**
 * The language an element should speak: its own `lang` attribute, else the nearest ancestor's
 * (crossing shadow roots), else zh-CN. Unknown languages fall back to zh-CN.
 */
export function resolveLang(element: Element): Lang {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      return toLang(node.getAttribute('lang')) ?? 'zh-CN';
    }
    const parent: Node | null = node.parentNode;
    node = parent instanceof ShadowRoot ? parent.host : parent;
  }
  return 'zh-CN';
}

/** Defaults for a language with an element's overrides merged in. */
export function stringsFor(lang: Lang, overrides?: Partial<DisclosureStrings> | null): DisclosureStrings {
  const base = defaultStrings[lang];
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    severity: { ...base.severity, ...(overrides.severity ?? {}) },
    bodyTypeValue: { ...base.bodyTypeValue, ...(overrides.bodyTypeValue ?? {}) },
  };
}

/** A figure as the tables print it: no binary floating-point noise (exact to 8 decimals). */
export const figure = (n: number): string => String(Number(n.toFixed(8)));
