namespace QualityCity.Domain.PublicVoice;

/// <summary>
/// WHAT kind of problem a message is about, as a small set of problem concepts recognised by their usual
/// wordings. Character bigrams alone cannot see that 卖过期牛奶 and 出售已过保质期的奶 are the same problem
/// (they share almost no bigram), nor that 过期 and 缺斤短两 at the same shop are two different ones; the
/// lexicon bridges the synonyms. It is deliberately coarse: a concept is a problem a case handler would
/// recognise, not a legal classification.
/// </summary>
internal static class ProblemLexicon
{
    // Concept name (English, stable, shown to staff as the shared problem) → its wordings.
    private static readonly (string Concept, string[] Wordings)[] Concepts =
    [
        ("expired", ["过期", "保质期", "过了期", "到期了", "日期是去年", "日期被涂改", "临期"]),
        ("spoiled", ["变质", "发霉", "霉变", "长毛", "馊", "臭", "异味", "不新鲜", "烂了", "腐烂", "散黄", "坏了的", "哈喇味", "酸味", "霉", "变味", "发酸", "发臭", "坏掉"]),
        ("foreign-matter", ["异物", "苍蝇", "虫子", "头发", "钢丝", "塑料片", "石子", "烟头", "吃出", "喝出", "有虫", "玻璃碴", "铁丝", "毛发", "长虫", "生虫", "虫卵"]),
        ("food-poisoning", ["中毒", "拉肚子", "腹泻", "呕吐", "上吐下泻", "吐了", "肚子不舒服", "肚子疼"]),
        ("hygiene", ["卫生", "脏", "老鼠", "蟑螂", "消毒", "污渍", "发黄", "不换"]),
        ("short-weight", ["缺斤短两", "短斤少两", "少秤", "秤不准", "鬼秤", "秤有问题", "电子秤", "计量", "加油机", "少给油", "不够数", "少加", "少一两", "少二两", "称只有", "一称", "秤", "称重", "分量不足", "分量少", "短秤"]),
        ("price-display", ["明码标价", "标价", "价目表", "价签", "没有价格", "价格公示", "收费公示", "没有公示", "没标价"]),
        ("overcharging", ["乱收费", "多收", "宰客", "加价", "收费太", "收了", "贵一倍", "漫天要价", "价格欺诈", "额外收", "比别家", "价格高", "太贵", "要价", "收费高", "高价", "天价", "强制消费", "最低消费", "开瓶费", "服务费"]),
        ("no-licence", ["无证", "营业执照", "无照", "执照", "许可证", "证照", "健康证", "执业证", "资质", "医师资格", "没有手续"]),
        ("prepaid-card", ["办卡", "会员卡", "储值卡", "年卡", "充值", "预付", "跑路", "退卡", "卡费", "余额", "学费", "停课", "人去楼空", "卷款", "私教课", "预交", "停课", "闭店", "储值", "会员费", "预存"]),
        ("closed-down", ["关门", "跑路", "跑了", "停业", "停课", "闭店", "失联", "倒闭", "联系不上", "打不通", "转让", "换老板", "换了老板"]),
        ("wiring", ["电线", "电缆", "线径", "铜芯", "绝缘"]),
        ("gas-appliance", ["燃气灶", "打火", "熄火保护", "热水器"]),
        ("battery", ["电池", "鼓包", "漏液"]),
        ("e-bike-modified", ["改装", "限速", "国标", "六十迈", "速度能到"]),
        ("formaldehyde", ["甲醛"]),
        ("elevator", ["电梯", "困人", "扶梯", "被关在", "被困"]),
        ("amusement-ride", ["游乐设备", "游乐设施", "旋转木马", "过山车", "卡住"]),
        ("gas-cylinder", ["钢瓶", "气瓶", "液化气罐", "检验标签", "超期未检", "超期不检", "报废瓶"]),
        ("gas-leak", ["燃气泄漏", "煤气味", "漏气", "天然气味"]),
        ("false-advertising", ["虚假宣传", "宣传", "能治", "治病", "包治", "根治", "降血糖", "疗效", "讲座", "百病", "夸大", "功效"]),
        ("counterfeit", ["假冒", "假货", "冒充", "假的", "高仿", "仿冒", "假羊肉", "鸭肉", "假药", "假农药", "以次充好", "山寨", "假酒", "冒牌"]),
        ("prescription-drug", ["处方"]),
        ("quality-defect", ["质量", "不合格", "劣质", "坏了", "不达标", "次品", "三包", "保修", "不给换", "退货"]),
        ("noise", ["噪音", "噪声", "吵", "扰民", "音响", "唱到", "划拳", "声音", "音乐", "声太大", "喇叭", "震得"]),
        ("cooking-fumes", ["油烟", "烟熏", "排烟", "净化", "烟味"]),
        ("waste-water", ["排污", "污水", "废水", "偷排", "往沟里排", "排到"]),
        ("smoke-gas", ["黑烟", "冒烟", "废气", "刺鼻", "粉尘", "空气污染"]),
        ("street-occupation", ["占道", "人行道", "摆摊", "摊子", "摆桌子", "摆在外", "摆到"]),
        ("fire-exit", ["消防", "安全出口", "通道", "灭火器", "着火", "火灾", "锁上", "堵死", "疏散", "应急灯", "紧急出口"]),
        ("minors", ["未成年", "小学生", "初中生", "中学生", "小孩在", "身份证"]),
        ("work-safety", ["防护", "安全生产", "安全帽", "面罩", "受伤", "工人", "通风"]),
        ("fireworks", ["烟花", "爆竹", "鞭炮"]),
        ("seeds", ["种子", "出苗", "发芽", "种苗"]),
        ("pesticide", ["农药", "杀虫剂", "除草剂", "虫子还"]),
        ("parking-fee", ["停车"]),
        ("waste-oil", ["地沟油", "油是黑", "油黑", "反复炸", "反复使用", "反复用"]),
        ("forced-sale", ["强制搭售", "搭售", "强买强卖", "强制购买", "强制要求买", "强行推销", "强制推销", "不买不给", "捆绑"]),
        ("unlabelled", ["三无", "没有生产日期", "没有标签", "没有厂家", "中文标签"]),
    ];

    /// <summary>The concepts whose wordings occur in the text, in lexicon order.</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        var found = new List<string>();
        foreach (var (concept, wordings) in Concepts)
        {
            foreach (var wording in wordings)
            {
                if (text.Contains(wording, StringComparison.Ordinal))
                {
                    found.Add(concept);
                    break;
                }
            }
        }

        return found;
    }
}
