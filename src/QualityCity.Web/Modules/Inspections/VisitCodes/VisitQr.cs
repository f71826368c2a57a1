using QRCoder;
using QualityCity.Domain.Execution;

namespace QualityCity.Web.Modules.Inspections.VisitCodes;

/// <summary>
/// The QR image an officer shows (docs/visit-codes.md, "The QR image"): the verification address
/// with the code's short form, <c>{base}/v/{visit}-{tag}</c>, about 50 characters instead of the
/// 600 or more of the whole signed code, so the image has a few dozen modules a side and reads at a
/// glance from a phone screen. The page it opens finds the visit, checks the tag and verifies the
/// stored signed code, and shows that code for an offline check. Error correction M (15%) keeps it
/// readable through glare or a cracked screen and still small.
/// </summary>
public static class VisitQr
{
    public const QRCodeGenerator.ECCLevel Correction = QRCodeGenerator.ECCLevel.M;

    /// <summary>The address the image holds.</summary>
    public static string Address(string baseUrl, long visitId, string code) => $"{baseUrl}/v/{VisitCodeReference.For(visitId, code)}";

    /// <summary>The QR symbol of an address.</summary>
    public static QRCodeData Data(string address)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(address, Correction);
    }

    /// <summary>The image as SVG; <paramref name="scalable"/> sizes it by a viewBox, to fill its box on a page.</summary>
    public static string Svg(string address, bool scalable = false)
    {
        using var data = Data(address);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true,
            sizingMode: scalable ? SvgQRCode.SizingMode.ViewBoxAttribute : SvgQRCode.SizingMode.WidthHeightAttribute);
    }
}
