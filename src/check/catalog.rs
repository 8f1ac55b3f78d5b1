//! The rule catalog: one entry per rule id with its default severity, a short Chinese name,
//! what it checks, its legal or format basis, a draft fragment that triggers it and how to fix
//! it. `nianbao explain <rule>` prints [`explain_text`]; the language server uses the same data
//! for code descriptions. `docs/rules.md` is the long form of this table and must stay in step
//! with it (the tests below check that every rule has a section there).

use super::Severity;

/// What nianbao says about one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The stable rule id, as in `Diagnostic::rule`.
    pub id: &'static str,
    /// Default severity. Where a rule is emitted with several severities this is the most
    /// common one, and `checks` says when it is stronger or weaker.
    pub severity: Severity,
    /// Short Chinese name.
    pub title: &'static str,
    /// What it checks (Chinese).
    pub checks: &'static str,
    /// Legal or format basis (Chinese).
    pub basis: &'static str,
    /// A short draft fragment that triggers it.
    pub example: &'static str,
    /// How to fix it (Chinese).
    pub fix: &'static str,
}

/// Every rule nianbao reports, in the order the checks run.
pub static RULES: &[RuleInfo] = &[
    // ── Document structure ──────────────────────────────────────────────────────────────
    RuleInfo {
        id: "missing-part",
        severity: Severity::Error,
        title: "缺少部分",
        checks: "年度报告应有六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；\
                 四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。\
                 缺少某一部分时，在它应在的位置报告（下一部分的标题处；缺少的是最后几部分时，在落款前的最后一行），\
                 并提供插入标准标题的快速修复。",
        basis: "《条例》第五十条第一款；国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》\
                （2019、2020年度为国办公开办函〔2019〕60号试行格式）规定的六个部分。",
        example: "## 四、政府信息公开行政复议、行政诉讼情况\n\
                  \n\
                  ……\n\
                  \n\
                  ## 六、其他需要报告的事项",
        fix: "补上缺少的部分：按顺序插入标准标题（如「五、存在的主要问题及改进情况」）并写明内容。",
    },
    RuleInfo {
        id: "duplicate-part",
        severity: Severity::Warning,
        title: "部分重复",
        checks: "同一部分的标题出现了两次。报告在第二次出现处，并指向第一次出现的位置；第二次出现的标题不再参与顺序、\
                 标题和空部分的检查。",
        basis: "国办公开办函〔2021〕30号（年度报告格式）：六个部分各出现一次。",
        example: "## 五、存在的主要问题及改进情况\n\
                  \n\
                  ……\n\
                  \n\
                  ## 五、存在的主要问题及改进情况",
        fix: "把两处内容合并到一个标题下，删去重复的标题；如果其实是另一部分，改为该部分的序号和标题。",
    },
    RuleInfo {
        id: "part-order",
        severity: Severity::Warning,
        title: "部分顺序错误",
        checks: "六个部分须按“一”到“六”的顺序排列。某一部分出现在序号更大的部分之后时，在该部分标题处报告。",
        basis: "国办公开办函〔2021〕30号（年度报告格式）规定的六个部分及其顺序。",
        example: "## 六、其他需要报告的事项\n\
                  \n\
                  本年度未收取信息处理费。\n\
                  \n\
                  ## 五、存在的主要问题及改进情况",
        fix: "把该部分连同内容移到正确的位置。",
    },
    RuleInfo {
        id: "nonstandard-heading",
        severity: Severity::Hint,
        title: "非标准部分标题",
        checks: "标题已被识别为某一部分（常见的改写、其他序号写法如「第五部分」「5.」、含有该部分关键词的短标题），\
                 但与格式规定的标准标题不一致。快速修复把它改为标准标题（保留 ** 加粗）。繁体字、全角半角、空格的差异\
                 不算不一致。",
        basis: "国办公开办函〔2021〕30号（年度报告格式）规定的六个部分标题。",
        example: "## 五、存在问题及改进情况",
        fix: "改为标准标题，例如「五、存在的主要问题及改进情况」。",
    },
    RuleInfo {
        id: "empty-part",
        severity: Severity::Warning,
        title: "部分没有内容",
        checks: "某一部分的标题之后、下一部分（或落款）之前没有任何文字或表格（注释不算内容）。",
        basis: "《条例》第五十条第一款（年度报告应当包括的内容）。",
        example: "## 六、其他需要报告的事项\n\
                  \n\
                  某市卫生健康委员会\n\
                  2024年1月20日",
        fix: "写明该部分的内容；第二、三、四部分填入统计表格（没有发生的填0）；第六部分至少说明信息处理费的收取情况。",
    },
    RuleInfo {
        id: "unknown-year",
        severity: Severity::Warning,
        title: "无法确定报告年度",
        checks: "依次从命令行或编辑器设置、标题、统计期限、第二部分之前的正文、落款日期（1至6月的落款视为上一年度的报告）\
                 中寻找报告年度，都找不到时报告在标题（或第一行）处。此时按最新格式检查表格，与年度有关的检查\
                 （格式、统计期限、落款日期、发布期限、信息处理费）都不做。",
        basis: "《条例》第四十九条（每年公布上一年度的年度报告）；《条例》第五十条第二款（统一格式，适用哪一版格式取决于年度）。",
        example: "# 某市卫生健康委员会政府信息公开工作年度报告",
        fix: "在标题中写明年度，例如「某市卫生健康委员会2024年政府信息公开工作年度报告」；也可以用 --year 指定。",
    },
    // ── Format revision ─────────────────────────────────────────────────────────────────
    RuleInfo {
        id: "format-mismatch",
        severity: Severity::Error,
        title: "表格格式与年度不符",
        checks: "表一、表二分别按每一版格式读取，取得分最高且明显胜出的一版；它与报告年度适用的格式不同时报告。表格按本年度的格式读取、\
                 却夹有另一版格式的列名或行（如2021版表格上方写着2019版的「本年新制作数量」列）时也报告，位置在那个列名或行。\
                 2021年度及以后的报告使用2019版试行格式的表格（如「本年新制作数量」列、「其他对外管理服务事项」行、「第二十条第（九）\
                 项」）为错误；只有「（六）其他处理」写成一行、其余都是2021版时不在此报告（见 collapsed-row）；\
                 2019、2020年度的报告使用2021版格式的表格为警告（该格式当时尚未发布）；2018年度及以前的报告给出信息，\
                 说明当时适用2008年《条例》、nianbao按现行格式检查。",
        basis: "《条例》第五十条第二款；国办公开办函〔2019〕60号（2019、2020年度）；国办公开办函〔2021〕30号（2021年度起）。",
        example: "# 某市卫生健康委员会2023年政府信息公开工作年度报告\n\
                  ……\n\
                  | 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n\
                  | 规章 | 0 | 0 | 0 |\n\
                  | 规范性文件 | 2 | 2 | 10 |",
        fix: "换用该年度适用的表格（nianbao new --year 年度 可生成标准表格）。2019版的「本年新制作数量」大致对应\
              「本年制发件数」，「本年废止件数」「现行有效件数」「本年收费金额」须重新填报；删去「其他对外管理服务事项」和\
              「第二十条第（九）项」；「（六）其他处理」须拆分为1、2、3三个子项。",
    },
    RuleInfo {
        id: "mixed-format",
        severity: Severity::Error,
        title: "表格格式混用",
        checks: "表一和表二分别明显属于不同版本的格式（例如表一用2019版的「本年新制作数量」等列，表二的「（六）其他处理」却有2021版的三个子项）\
                 。只有表二的「（六）其他处理」写成一行、其余都是2021版时不算混用（见 collapsed-row）。报告在后一张表处，\
                 并指向前一张表。",
        basis: "《条例》第五十条第二款；国办公开办函〔2021〕30号、国办公开办函〔2019〕60号（同一份报告只适用一版格式）。",
        example: "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n……\n| （六）其他处理 | | | | | | | |\n| 1.申请人无正当理由逾期不补正、\
                 行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        fix: "所有表格统一使用报告年度适用的那一版格式。",
    },
    // ── Tables ──────────────────────────────────────────────────────────────────────────
    RuleInfo {
        id: "missing-table",
        severity: Severity::Error,
        title: "缺少表格",
        checks: "第二、三、四部分存在，但其中找不到对应的表格（表一、表二、表三）：既没有认出的行，也没有两个以上的表头。\
                 报告在该部分的标题处。",
        basis: "《条例》第五十条第一款第（一）至（三）项；国办公开办函〔2021〕30号（以统一表格统计）。",
        example: "## 四、政府信息公开行政复议、行政诉讼情况\n\
                  \n\
                  本年度未发生行政复议、行政诉讼。",
        fix: "插入标准表格；没有发生的事项填0，不要只用文字说明。",
    },
    RuleInfo {
        id: "empty-table",
        severity: Severity::Error,
        title: "表格没有数字",
        checks: "认出了表格（表头或行标签），但其中没有任何可读的数字：表格为空，或扫描识别失败。只报告这一条，\
                 不再逐项核对勾稽关系。",
        basis: "国办公开办函〔2021〕30号（统一表格须逐项填报）。",
        example: "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n\
                  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |\n\
                  | | | | | | | | | | | | | | | |",
        fix: "填入数字，没有发生的填0；表格来自扫描件的，对照原件重新录入。",
    },
    RuleInfo {
        id: "missing-row",
        severity: Severity::Error,
        title: "缺少表格行",
        checks: "表格中找不到格式规定的某一数据行。报告在表格的第一个标签处。涉及该行的勾稽关系不再核对。行标签损坏到无法匹配、但它所在的位置（前后两行之间、\
                 序号相同）正是所缺的行时，按该行读取（见 nonstandard-label），不报缺行。",
        basis: "国办公开办函〔2021〕30号（2019、2020年度为国办公开办函〔2019〕60号）规定的表格行。",
        example: "| 一、本年新收政府信息公开申请数量 | 16 | 0 | 0 | 0 | 0 | 0 | 16 |\n\
                  | 三、本年度办理结果 | | | | | | | |",
        fix: "按标准标签补上该行（本例缺「二、上年结转政府信息公开申请数量」），没有发生的填0。",
    },
    RuleInfo {
        id: "missing-cell",
        severity: Severity::Error,
        title: "单元格缺失",
        checks: "数据行的数字少于它的列数（例如表二某一行应有7个数，只读到3个；表三应有15个数）。读到的数只能按顺序放在前几列，\
                 位置不确定；缺少的单元格不按0计算，需要它们的勾稽关系不再核对，消息中列出这些关系。管道表格中少了单元格为错误，\
                 逐行报告；从PDF、网页等复制的文本（制表符分隔、数字用空格隔开、一格一行）中，空白单元格可能不留痕迹，少的可能只是空白，\
                 每张表合并为一条警告，列出这些行。空白单元格（表格中有这一格但没有填写）不是缺失，按0计算（见 blank-cell）\
                 。",
        basis: "国办公开办函〔2021〕30号（2019、2020年度为国办公开办函〔2019〕60号）：统一表格的每个单元格都须填报。",
        example: "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 5 |",
        fix: "补全该行的每个数，没有发生的填0；从PDF复制时丢失的空白单元格，按原表补上0。",
    },
    RuleInfo {
        id: "unknown-row",
        severity: Severity::Warning,
        title: "格式之外的行",
        checks: "表格正文中出现了格式没有规定的行（标签后跟数字），例如自行增加的小计行或「无法联系到申请人」；同一行出现两次时，\
                 第二次的数字被忽略；没有标签、不属于任何能识别的行的一行数字也在这里报告。有相近的标准行时提供改名的快速修复。这些行的数字不计入任何勾稽关系。",
        basis: "国办公开办函〔2021〕30号（2019、2020年度为国办公开办函〔2019〕60号）规定的表格行。",
        example: "| 无法联系到申请人 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        fix: "删去该行，把数字并入相应的标准行（例如「（六）其他处理」的「3.其他」）；如果是标签写错，改为标准标签。",
    },
    RuleInfo {
        id: "unknown-column",
        severity: Severity::Hint,
        title: "格式之外的列",
        checks: "表头中出现了格式没有规定的列，例如一些软件给表二加的「法人或其他组织」小计列。这一列的数不参与勾稽关系核对，每列只报告一次（在它的表头处）\
                 。列名是一组列的总称（「法人或其他组织」）时，它应等于这组列（商业企业、科研机构、社会公益组织、法律服务机构、其他）\
                 之和：各行都相符为提示，有不符的行为警告，并列出这些行。",
        basis: "国办公开办函〔2021〕30号（2019、2020年度为国办公开办函〔2019〕60号）规定的表二各列：自然人、\
                 商业企业、科研机构、社会公益组织、法律服务机构、其他、总计，没有小计列。",
        example: "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 法人或其他组织 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        fix: "删去这一列，按格式只保留七列。",
    },
    RuleInfo {
        id: "nonstandard-label",
        severity: Severity::Hint,
        title: "非标准行标签",
        checks: "行已按某一标准行读取，但标签与标准标签不完全一致：序号写法不同、使用了常见别称（2021版表格中的「规范性文件」）\
                 、标签不完整或多出文字（「（二）部分公开」）、疑似识别错误（编辑距离2以内）。繁体字、全角半角、引号和空格的差异不算不一致。\
                 标签损坏到无法匹配、只能按它所在的位置（前后两行之间、序号相同）判断是哪一行时为警告。快速修复改为标准标签。",
        basis: "国办公开办函〔2021〕30号（2019、2020年度为国办公开办函〔2019〕60号）规定的标准行标签。",
        example: "| 规范性文件 | 2 | 1 | 10 |",
        fix: "改为标准标签，例如「行政规范性文件」。",
    },
    RuleInfo {
        id: "collapsed-row",
        severity: Severity::Warning,
        title: "分组行写成一行",
        checks: "2021版格式把表二「（六）其他处理」分为「1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请」「2.申请人逾期未按收费通知要求缴纳费用、\
                 行政机关不再处理其政府信息公开申请」「3.其他」三行，报告却按2019版试行格式写成了一行。这是一处偏差，不是整张表用错了格式：只给这一条警告，\
                 不报 format-mismatch、mixed-format 或 missing-row；这一行的数按三行之和参与 A2 核对。\
                 这一行单独写在一行管道表格中时，快速修复把它拆成分组行和三个子项（1.、2.填0，数字先放入「3.其他」，请再按实际分开）\
                 。",
        basis: "国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》表二（2021年度起适用）。",
        example: "| （六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
                  | （七）总计 | 16 | 0 | 0 | 0 | 0 | 0 | 16 |",
        fix: "按2021版格式把「（六）其他处理」分为1.、2.、3.三行分别填写。",
    },
    RuleInfo {
        id: "invalid-cell",
        severity: Severity::Error,
        title: "单元格不是有效数值",
        checks: "单元格不能按所在列的类型读取。错误：数值的位置上写了不是数字的内容（如 abc、x、*、?），超过12位的数，件数列出现负数、\
                 正负号、小数或金额单位；Markdown 表格（管道表格）中字母当作数字（O 与 0、l 与 1）或数字混入其他字符（附快速修复）\
                 。警告：从PDF、扫描件或网页复制的文本中的同类损坏（可能是转换造成的，也附快速修复），一行多出的单元格（已忽略）\
                 ，「本年收费金额（单位：万元）」列写成“元”。含有无效单元格的勾稽关系不再核对，消息中列出这些未核对的关系（「以下勾稽关系未核对：……」）\
                 ，以免“未核对”被误认为“核对无误”。",
        basis: "年度报告格式的单元格类型（国办公开办函〔2021〕30号、〔2019〕60号）：件数为不小于0的整数，\
                收费金额以万元为单位，只有2019版的「本年增/减」可以带正负号。",
        example: "| 一、本年新收政府信息公开申请数量 | abc | 0 | 0 | 0 | 0 | 0 | 5 |",
        fix: "改为有效数值：件数写不小于0的整数，金额按列的单位填写（万元），删去多余的单元格。",
    },
    RuleInfo {
        id: "blank-cell",
        severity: Severity::Hint,
        title: "空白单元格",
        checks: "数据行中有空白或写成“—”“/”“-”的单元格（分组行除外），已按0计算。每张表只报告一次，\
                 位置在第一个这样的单元格，快速修复把它们全部填为0。",
        basis: "年度报告格式要求逐项填报数字；空白按0计算是通行的理解。",
        example: "| 2.重复申请 | | | — | | | | |",
        fix: "没有发生的事项填0。",
    },
    RuleInfo {
        id: "total-mismatch",
        severity: Severity::Error,
        title: "勾稽关系不成立",
        checks: "按格式数据逐项核对表内的勾稽关系：表二 A1「一 + 二 = 三（七）总计 + 四」（逐列）、A2「（七）总计 = 各项办理结果之和」（逐列）\
                 、A3「总计列 = 各类申请人之和」（逐行），表三 L1–L3「结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计」。\
                 这些是条例、格式规定或表格设计本身决定的关系，不成立时为错误；但只要有一个运算对象的位置是推测的（该行的数字个数与列数不符、\
                 空白被跳过、数字印在折行标签之前），同样的不成立只给警告，消息注明表格读取不确定并列出读到的数。实践性的关系（2019版表一 P3「本年新公开数量 ≤ 对外公开总数量」）\
                 只给提示。分组行（「三、本年度办理结果」「（三）不予公开」等）填了小计时：与其下各行之和不符为警告，相符也给提示（标准表格中分组行不填数字）\
                 。空白单元格按0计算；某一运算对象缺行、缺单元格或不可读时不核对，由它自己的诊断（missing-row、missing-cell、\
                 invalid-cell）列出未核对的关系。左边是单个总计单元格、且读取确定时（A2、A3、L1–L3），快速修复把它改为右边各数之和。",
        basis: "表二表头注明的勾稽关系「第一项加第二项之和，等于第三项加第四项之和」（国办公开办函〔2021〕30号、\
                〔2019〕60号）；各「总计」行、列的含义（表格设计）。",
        example: "| 一、本年新收政府信息公开申请数量 | 16 | 1 | 0 | 0 | 0 | 0 | 16 |",
        fix: "重新核对该行或该列的数字，修正填错的数或总计；诊断信息列出了参与计算的每个数。",
    },
    RuleInfo {
        id: "partly-read",
        severity: Severity::Info,
        title: "表格只读到一部分",
        checks: "表格已经识别，但只读到了它应有的一部分数字（缺少行或单元格）。每张表只报告一次，说明应有多少个数、读到了多少个，\
                 以免“未核对”被误认为“核对无误”；具体缺的是什么，见同一张表的 missing-row、missing-cell 等诊断。",
        basis: "国办公开办函〔2021〕30号（2019、2020年度为国办公开办函〔2019〕60号）规定的表格单元格：表一10个（2019版22个）\
                 ，表二175个（2019版161个），表三15个。",
        example: "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 5 |",
        fix: "对照原表补全缺少的行和单元格。",
    },
    // ── Dates ───────────────────────────────────────────────────────────────────────────
    RuleInfo {
        id: "signature-date",
        severity: Severity::Warning,
        title: "落款日期有误或缺失",
        checks: "报告末尾的落款（机关名称和日期）。没有找到落款日期为警告；落款日期在报告年度之内或之前为错误\
                 （年度数据尚不完整，多半是年份写错）；像日期但无法识别（年、月、日在转换中丢失）为提示。\
                 年度本身是从落款推断出来的，或年度未知时，不做此项检查。",
        basis: "《条例》第四十九条（每年公布上一年度的年度报告）。",
        example: "# 某市卫生健康委员会2023年政府信息公开工作年度报告\n\
                  ……\n\
                  某市卫生健康委员会\n\
                  2023年1月20日",
        fix: "在报告末尾写明机关名称和发布日期，日期应在报告年度的下一年，写成「2024年1月20日」的形式。",
    },
    RuleInfo {
        id: "late-publication",
        severity: Severity::Warning,
        title: "晚于法定发布期限",
        checks: "落款日期晚于法定期限：县级以上人民政府部门为次年1月31日，县级以上地方人民政府本级的报告为次年3月31日。\
                 机关类型由标题推断（「××人民政府」后面不是办公室、局、委员会等即视为政府本级），可用 --organ 指定。\
                 因为存在更正后重新发布的情况，只作警告。",
        basis: "《条例》第四十九条第一款（县级以上人民政府部门：每年1月31日前）、第二款（县级以上地方人民政府：每年3月31日前）。",
        example: "# 某市卫生健康委员会2023年政府信息公开工作年度报告\n\
                  ……\n\
                  某市卫生健康委员会\n\
                  2024年2月20日",
        fix: "核对落款日期；日期无误的，今后按期发布。政府本级的报告被当作部门报告时，用 --organ government 指定机关类型。",
    },
    RuleInfo {
        id: "period-mismatch",
        severity: Severity::Warning,
        title: "统计期限与年度不符",
        checks: "导语中写明的统计期限（「统计」后面的两个日期）不是报告年度的1月1日至12月31日。年度本身是从统计期限读出的，\
                 不做此项检查。",
        basis: "《条例》第四十九条（报告上一年度的工作，统计期限为该年度1月1日至12月31日）。",
        example: "# 某市卫生健康委员会2023年政府信息公开工作年度报告\n\
                  \n\
                  本报告统计期限为2022年1月1日至2022年12月31日。",
        fix: "改为报告年度的1月1日至12月31日；如果标题的年份错了，改标题。",
    },
    // ── Narrative and part 六 ───────────────────────────────────────────────────────────
    RuleInfo {
        id: "narrative-mismatch",
        severity: Severity::Warning,
        title: "正文与表格不一致",
        checks: "正文中指明表格数量的说法与表格不符：收到（受理）申请N件与表二「本年新收」总计（也接受本年新收加上年结转）；\
                 行政许可、行政处罚、行政强制N件（条）与表一的处理决定数量；「未收到申请」而表二本年新收不为0；\
                 「没有行政复议、行政诉讼」而表三有不为0的数；「全部办结」「办结率100%」而表二结转下年度不为0。",
        basis: "《条例》第五十条（年度报告的内容）；国办公开办函〔2021〕30号「明确责任」（内容不准确的，可依《条例》第四十七条追责）。",
        example: "今年我委共收到政府信息公开申请20件，全部办结。",
        fix: "核对正文和表格，改正错误的一方；正文所指的是另一数量（例如事项数而非决定数）时，改写措辞或用注释屏蔽该行。",
    },
    RuleInfo {
        id: "fee-statement-missing",
        severity: Severity::Warning,
        title: "未说明信息处理费",
        checks: "适用2021版格式、年度已知时，第六部分没有提到“处理费”：应写明本年度是否收取信息处理费及收取的金额。\
                 2019版格式（2019、2020年度）不要求。第六部分整个缺失时只报告 missing-part。",
        basis: "《条例》第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；国办公开办函〔2021〕30号（第六部分）。",
        example: "## 六、其他需要报告的事项\n\
                  \n\
                  无。",
        fix: "在第六部分写明收费情况，例如「本年度未收取信息处理费。」或「本年度收取信息处理费共计X元。」",
    },
    // ── Whole document and tool ─────────────────────────────────────────────────────────
    RuleInfo {
        id: "not-a-report",
        severity: Severity::Info,
        title: "不是年度报告",
        checks: "文本看起来不是政府信息公开工作年度报告：标题中没有“政府信息公开”，认出的部分少于两个，也没有认出统计表格。\
                 此时不做任何其他检查。",
        basis: "nianbao 的适用范围（《条例》第四十九条、第五十条规定的年度报告）。",
        example: "会议纪要\n\
                  \n\
                  今天讨论了下一阶段的工作安排。",
        fix: "如果确实不是年度报告，无需处理；如果是，写上标准标题（「××2024年政府信息公开工作年度报告」）和六个部分的标题。",
    },
    RuleInfo {
        id: "internal-error",
        severity: Severity::Error,
        title: "检查器内部错误",
        checks: "语言服务器在检查时捕获到检查器内部的异常（panic）。文档仍可编辑，但本次的其他诊断可能缺失或不完整。",
        basis: "无（nianbao 自身的错误，与报告内容是否合规无关）。",
        example: "（无固定示例：任何使检查器出错的文本都会触发。）",
        fix: "这是 nianbao 的缺陷：请附上触发问题的文本提交问题报告；修改文本后检查会重新进行。",
    },
];

/// The catalog entry of a rule id.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

fn severity_cn(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "信息",
        Severity::Hint => "提示",
    }
}

/// Plain text for the terminal (`nianbao explain <rule>`).
pub fn explain_text(info: &RuleInfo) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}  {}\n", info.id, info.title));
    out.push_str(&format!(
        "默认级别：{}（{}）\n",
        info.severity.name(),
        severity_cn(info.severity)
    ));
    for (label, body) in [
        ("检查内容", info.checks),
        ("依据", info.basis),
        ("示例", info.example),
        ("修改方法", info.fix),
    ] {
        out.push('\n');
        out.push_str(label);
        out.push_str("：\n");
        for line in body.lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::collections::{BTreeMap, HashSet};
    use std::path::{Path, PathBuf};

    /// Every source file that may create findings: all of `src/check/rules/`, and any other file
    /// under `src/` that calls `Diagnostic::new(` (this file aside: its tests name the call).
    /// Read at test time, so that a new rules file is scanned without being listed here.
    fn sources() -> Vec<(String, String)> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(dir).expect("readable source folder") {
                let p = e.expect("folder entry").path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = root.join("src/check/rules");
        let me = root.join("src/check/catalog.rs");
        let mut files = Vec::new();
        walk(&root.join("src"), &mut files);
        files.sort();
        let mut out = Vec::new();
        for p in files.into_iter().filter(|p| *p != me) {
            let src = std::fs::read_to_string(&p).expect("readable source file");
            if p.starts_with(&rules) || src.contains("Diagnostic::new(") {
                let name = p.strip_prefix(root).expect("under the crate").display();
                out.push((name.to_string(), src));
            }
        }
        for must in ["src/check/rules/mod.rs", "src/check/mod.rs"] {
            assert!(out.iter().any(|(p, _)| p == must), "{must} not scanned");
        }
        out
    }
    const DOCS: &str = include_str!("../../docs/rules.md");

    /// Rules emitted by the language server rather than the checker.
    const NOT_IN_CHECKER: [&str; 1] = ["internal-error"];

    /// Every `Diagnostic::new(` site: (rule id, severity argument as written).
    fn emission_sites() -> Vec<(String, String)> {
        emission_sites_by_file()
            .into_iter()
            .flat_map(|(_, sites)| sites)
            .collect()
    }

    /// The `Diagnostic::new(` sites of each scanned file.
    fn emission_sites_by_file() -> Vec<(String, Vec<(String, String)>)> {
        let site =
            Regex::new(r#"Diagnostic::new\(\s*"([^"]*)"\s*,\s*([^,]+?)\s*,"#).expect("regex");
        let mut out = Vec::new();
        for (path, src) in sources() {
            let found: Vec<(String, String)> = site
                .captures_iter(&src)
                .map(|c| (c[1].to_string(), c[2].to_string()))
                .collect();
            assert_eq!(
                found.len(),
                src.matches("Diagnostic::new(").count(),
                "{path}: a Diagnostic::new( call does not take a string literal rule id"
            );
            out.push((path, found));
        }
        out
    }

    #[test]
    fn only_the_rules_create_findings() {
        // Besides `check::rules`: `not-a-report` in `check`, and the server's own rules.
        for (path, sites) in emission_sites_by_file() {
            if path.starts_with("src/check/rules/") {
                continue;
            }
            for (id, _) in sites {
                assert!(
                    id == "not-a-report" || NOT_IN_CHECKER.contains(&id.as_str()),
                    "{path} creates {id}: findings are made in src/check/rules/"
                );
            }
        }
    }

    fn literal_severity(arg: &str) -> Option<Severity> {
        Severity::parse(&arg.strip_prefix("Severity::")?.to_lowercase())
    }

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                !r.id.is_empty()
                    && r.id
                        .split('-')
                        .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase())),
                "rule id {} is not kebab-case",
                r.id
            );
            for (field, v) in [
                ("title", r.title),
                ("checks", r.checks),
                ("basis", r.basis),
                ("example", r.example),
                ("fix", r.fix),
            ] {
                assert!(!v.trim().is_empty(), "{}: empty {field}", r.id);
            }
        }
    }

    #[test]
    fn the_expected_rules_and_only_those() {
        let expected = [
            "missing-part",
            "duplicate-part",
            "part-order",
            "nonstandard-heading",
            "empty-part",
            "unknown-year",
            "format-mismatch",
            "mixed-format",
            "missing-table",
            "empty-table",
            "missing-row",
            "missing-cell",
            "unknown-row",
            "unknown-column",
            "nonstandard-label",
            "collapsed-row",
            "invalid-cell",
            "blank-cell",
            "total-mismatch",
            "partly-read",
            "signature-date",
            "late-publication",
            "period-mismatch",
            "narrative-mismatch",
            "fee-statement-missing",
            "not-a-report",
            "internal-error",
        ];
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        let mut want = expected.to_vec();
        ids.sort_unstable();
        want.sort_unstable();
        assert_eq!(ids, want);
    }

    #[test]
    fn every_emitted_rule_is_in_the_catalog() {
        for (id, _) in emission_sites() {
            assert!(
                rule(&id).is_some(),
                "rule {id} is emitted but missing from the catalog"
            );
        }
    }

    #[test]
    fn every_catalog_rule_is_emitted() {
        let emitted: HashSet<String> = emission_sites().into_iter().map(|(id, _)| id).collect();
        for r in RULES {
            if !NOT_IN_CHECKER.contains(&r.id) {
                assert!(
                    emitted.contains(r.id),
                    "rule {} is in the catalog but never emitted",
                    r.id
                );
            }
        }
    }

    #[test]
    fn default_severities_match_the_code() {
        // Per rule: the severities written at its emission sites (`None`: computed, e.g. `sev`).
        let mut by_rule: BTreeMap<String, Vec<Option<Severity>>> = BTreeMap::new();
        for (id, arg) in emission_sites() {
            by_rule.entry(id).or_default().push(literal_severity(&arg));
        }
        for (id, sevs) in by_rule {
            let info = rule(&id).expect("in catalog");
            let mut distinct: Vec<Option<Severity>> = sevs.clone();
            distinct.sort();
            distinct.dedup();
            match distinct.as_slice() {
                // One severity everywhere: the default is that severity.
                [Some(s)] => assert_eq!(
                    info.severity, *s,
                    "{id}: default severity differs from the code"
                ),
                // Several literal severities: the default is one of them.
                all if all.iter().all(Option::is_some) => assert!(
                    all.contains(&Some(info.severity)),
                    "{id}: default severity {:?} is never emitted ({all:?})",
                    info.severity
                ),
                // Computed severities: nothing to compare.
                _ => {}
            }
        }
    }

    #[test]
    fn multi_severity_rules_say_so() {
        // Rules known to be emitted with more than one severity describe the others in `checks`.
        for (id, words) in [
            ("signature-date", ["警告", "错误", "提示"].as_slice()),
            ("total-mismatch", ["错误", "提示", "警告"].as_slice()),
            ("format-mismatch", ["错误", "警告", "信息"].as_slice()),
            ("invalid-cell", ["警告", "错误"].as_slice()),
            ("nonstandard-label", ["警告"].as_slice()),
            ("unknown-column", ["提示", "警告"].as_slice()),
            ("missing-cell", ["错误", "警告"].as_slice()),
        ] {
            let info = rule(id).expect("in catalog");
            for w in words {
                assert!(
                    info.checks.contains(w),
                    "{id}: `checks` does not mention {w}"
                );
            }
        }
    }

    #[test]
    fn lookup() {
        assert_eq!(
            rule("total-mismatch").map(|r| r.severity),
            Some(Severity::Error)
        );
        assert_eq!(
            rule("signature-date").map(|r| r.severity),
            Some(Severity::Warning)
        );
        assert_eq!(
            rule("not-a-report").map(|r| r.severity),
            Some(Severity::Info)
        );
        assert!(rule("no-such-rule").is_none());
        assert!(rule("").is_none());
    }

    #[test]
    fn explain_text_has_every_section() {
        for r in RULES {
            let t = explain_text(r);
            assert!(t.starts_with(r.id), "{}", r.id);
            assert!(t.contains(r.title));
            assert!(t.contains(r.severity.name()));
            let mut at = 0;
            for label in ["检查内容：", "依据：", "示例：", "修改方法："] {
                let i = t[at..]
                    .find(label)
                    .unwrap_or_else(|| panic!("{}: no {label}", r.id));
                at += i + label.len();
            }
            for line in r.example.lines().filter(|l| !l.is_empty()) {
                assert!(
                    t.contains(&format!("  {line}\n")),
                    "{}: example line {line} not indented",
                    r.id
                );
            }
        }
    }

    /// The section of docs/rules.md under `## id`, up to the next `## ` heading outside a
    /// fenced block (the examples themselves contain `## 五、…` lines).
    fn doc_section(id: &str) -> Option<&'static str> {
        let heading = format!("## {id}");
        let mut start = None;
        let mut pos = 0;
        let mut fenced = false;
        for line in DOCS.split_inclusive('\n') {
            if line.starts_with("```") {
                fenced = !fenced;
            } else if !fenced {
                match start {
                    None if line.trim_end() == heading => start = Some(pos + line.len()),
                    Some(s) if line.starts_with("## ") => return Some(&DOCS[s..pos]),
                    _ => {}
                }
            }
            pos += line.len();
        }
        start.map(|s| &DOCS[s..])
    }

    #[test]
    fn docs_have_a_section_per_rule() {
        for r in RULES {
            let s = doc_section(r.id)
                .unwrap_or_else(|| panic!("docs/rules.md has no `## {}` heading", r.id));
            assert!(
                s.contains(r.title),
                "docs/rules.md `## {}`: title {} missing",
                r.id,
                r.title
            );
            assert!(
                s.contains(&format!("default severity `{}`", r.severity.name())),
                "docs/rules.md `## {}`: default severity `{}` missing",
                r.id,
                r.severity.name()
            );
            // The page says what the catalog says (and may add notes).
            for (field, text) in [
                ("checks", r.checks),
                ("basis", r.basis),
                ("example", r.example),
                ("fix", r.fix),
            ] {
                assert!(
                    s.contains(text),
                    "docs/rules.md `## {}`: the catalog's `{field}` text is missing",
                    r.id
                );
            }
        }
    }

    #[test]
    fn docs_document_suppression() {
        assert!(DOCS.contains("<!-- nianbao-disable-next-line"));
        assert!(DOCS.contains("<!-- nianbao-disable "));
    }
}
