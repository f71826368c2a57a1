using System.Text;
using QualityCity.Domain.Execution;

namespace QualityCity.Domain.Tests.Execution;

/// <summary>An upload's type comes from its bytes, not from the name the sender gave it.</summary>
public sealed class UploadedFileTypeTests
{
    [Theory]
    [InlineData("FFD8FFE000104A464946", FileKind.Jpeg)]
    [InlineData("89504E470D0A1A0A0000000D", FileKind.Png)]
    [InlineData("52494646240000005745425056503820", FileKind.WebP)]
    [InlineData("255044462D312E370A", FileKind.Pdf)]
    [InlineData("3C68746D6C3E", FileKind.Unknown)]
    [InlineData("4D5A90000300000004000000", FileKind.Unknown)]
    [InlineData("52494646240000005741564566", FileKind.Unknown)]
    [InlineData("FFD8", FileKind.Unknown)]
    [InlineData("", FileKind.Unknown)]
    public void The_type_is_read_from_the_first_bytes(string hex, FileKind expected) =>
        Assert.Equal(expected, UploadedFileType.Detect(Convert.FromHexString(hex)));

    [Fact]
    public void A_web_page_named_like_a_photo_is_not_a_photo()
    {
        var page = Encoding.UTF8.GetBytes("<script>alert(1)</script> photo.jpg");
        Assert.Equal(FileKind.Unknown, UploadedFileType.Detect(page));
        Assert.False(UploadedFileType.IsImage(UploadedFileType.Detect(page)));
    }

    [Fact]
    public void Images_and_documents_have_their_content_types()
    {
        Assert.True(UploadedFileType.IsImage(FileKind.WebP));
        Assert.False(UploadedFileType.IsImage(FileKind.Pdf));
        Assert.Equal("application/pdf", UploadedFileType.ContentType(FileKind.Pdf));
        Assert.Equal(".jpg", UploadedFileType.Extension(FileKind.Jpeg));
    }
}
