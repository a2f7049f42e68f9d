using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace CustomerPortal.UnitTests.SecondFactors.Totp;

/// <summary>Reads a QR code back out of the SVG QRCoder writes: rasterises its rectangles and decodes the picture with ZXing.</summary>
/// <remarks>Only what QRCoder emits is understood: a viewBox in modules, a white background rect and one path of <c>M{x} {y}h{w}v{h}h-{w}z</c> runs.</remarks>
internal static partial class SvgQrDecoder
{
    private const int PixelsPerModule = 10;

    public static string? Decode(string svg)
    {
        var modules = Modules(svg);
        var size = modules.GetLength(0);
        var width = size * PixelsPerModule;
        var pixels = new byte[width * width];
        for (var y = 0; y < width; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = modules[y / PixelsPerModule, x / PixelsPerModule] ? (byte)0 : (byte)255;
            }
        }

        var source = new RGBLuminanceSource(pixels, width, width, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)?.Text;
    }

    /// <summary>The dark modules the SVG paints, as [row, column].</summary>
    public static bool[,] Modules(string svg)
    {
        var root = XDocument.Parse(svg).Root ?? throw new System.FormatException("Empty SVG.");
        XNamespace ns = "http://www.w3.org/2000/svg";
        var viewBox = ((string?)root.Attribute("viewBox") ?? throw new System.FormatException("No viewBox."))
            .Split(' ')
            .Select(v => int.Parse(v, CultureInfo.InvariantCulture))
            .ToArray();
        var size = viewBox[2];
        var modules = new bool[size, size];

        var path = root.Element(ns + "path") ?? throw new System.FormatException("No path.");
        Assert.Equal("#000000", (string?)path.Attribute("fill"));
        var data = (string?)path.Attribute("d") ?? "";
        var runs = RunPattern().Matches(data);
        Assert.Equal(data.Length, runs.Sum(run => run.Length)); // nothing in the path this reader does not understand
        foreach (Match run in runs)
        {
            var x = int.Parse(run.Groups["x"].Value, CultureInfo.InvariantCulture);
            var y = int.Parse(run.Groups["y"].Value, CultureInfo.InvariantCulture);
            var w = int.Parse(run.Groups["w"].Value, CultureInfo.InvariantCulture);
            var h = int.Parse(run.Groups["h"].Value, CultureInfo.InvariantCulture);
            Assert.Equal(run.Groups["w"].Value, run.Groups["back"].Value);
            for (var row = y; row < y + h; row++)
            {
                for (var column = x; column < x + w; column++)
                {
                    modules[row, column] = true;
                }
            }
        }

        return modules;
    }

    [GeneratedRegex(@"M(?<x>\d+) (?<y>\d+)h(?<w>\d+)v(?<h>\d+)h-(?<back>\d+)z")]
    private static partial Regex RunPattern();
}
