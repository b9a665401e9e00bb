using System.Runtime.Intrinsics;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Common;

/// <summary>Every test marked Category=Simd in this project also passes with hardware intrinsics disabled.</summary>
public sealed class ScalarFallbackTests
{
    [Fact]
    [Trait("Category", "ScalarFallback")]
    public void SimdTestsPassWithHardwareIntrinsicsDisabled()
    {
        var (exitCode, passed, output) = ScalarFallback.RunSimdTestsWithoutIntrinsics("NoteGuard.Imaging.Tests", TimeSpan.FromMinutes(8));
        Assert.True(exitCode == 0, "scalar run failed:\n" + output);
        Assert.True(passed > 0, "no Simd test ran in the scalar child:\n" + output);
    }

    [Fact]
    [Trait("Category", ScalarFallback.SimdCategory)]
    public void ChildRunReallyHasNoVectorHardware()
    {
        if (ScalarFallback.IsChild)
        {
            Assert.False(Vector128.IsHardwareAccelerated);
            Assert.False(Vector256.IsHardwareAccelerated);
        }
    }
}
