namespace QualityCity.Domain.Services.OneWindow;

/// <summary>What an enterprise asks the one window (一窗受理) for (SVC-1).</summary>
public enum DemandKind
{
    /// <summary>计量检定校准: verification or calibration of measuring instruments.</summary>
    Calibration,

    /// <summary>标准咨询: which standard applies, how to read it, how to adopt or write one.</summary>
    Standards,

    /// <summary>认证认可与检验检测: certification, accreditation, inspection and testing.</summary>
    CertificationAndTesting,

    /// <summary>知识产权: patents, trademarks and other intellectual property.</summary>
    IntellectualProperty,

    /// <summary>知识产权质押融资: loans secured on patents or trademarks.</summary>
    IntellectualPropertyPledge,

    /// <summary>质量诊断帮扶: an on-site quality diagnosis and help to improve.</summary>
    QualityDiagnosis,

    /// <summary>其他: anything else; the window routes it by hand.</summary>
    Other,
}

/// <summary>
/// The stable code and the Chinese name of each <see cref="DemandKind"/>, looked up both ways. The
/// codes are stored with demands and used in links and imports, so they never change once published.
/// </summary>
public static class DemandKinds
{
    private static readonly EnumLabels<DemandKind> Labels = new(
        (DemandKind.Calibration, "calibration", "计量检定校准"),
        (DemandKind.Standards, "standards", "标准咨询"),
        (DemandKind.CertificationAndTesting, "certification-testing", "认证认可与检验检测"),
        (DemandKind.IntellectualProperty, "ip", "知识产权"),
        (DemandKind.IntellectualPropertyPledge, "ip-pledge", "知识产权质押融资"),
        (DemandKind.QualityDiagnosis, "diagnosis", "质量诊断帮扶"),
        (DemandKind.Other, "other", "其他"));

    /// <summary>Every kind, in the order the window lists them.</summary>
    public static IReadOnlyList<DemandKind> All => Labels.All;

    /// <summary>The stable code, e.g. <c>ip-pledge</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For a value that is not a kind.</exception>
    public static string Code(this DemandKind kind) => Labels.Code(kind);

    /// <summary>The Chinese name, e.g. 知识产权质押融资.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For a value that is not a kind.</exception>
    public static string NameZh(this DemandKind kind) => Labels.NameZh(kind);

    /// <summary>The kind of a code (blanks around it and letter case ignored); false for an unknown or missing code.</summary>
    public static bool TryParseCode(string? code, out DemandKind kind) => Labels.TryParseCode(code, out kind);

    /// <summary>The kind of a Chinese name (blanks around it ignored); false for an unknown or missing name.</summary>
    public static bool TryParseNameZh(string? name, out DemandKind kind) => Labels.TryParseNameZh(name, out kind);
}
