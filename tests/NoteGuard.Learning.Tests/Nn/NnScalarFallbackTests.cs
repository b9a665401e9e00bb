using System.Runtime.Intrinsics;
using NoteGuard.Learning.Kernels;
using NoteGuard.TestUtilities;

namespace NoteGuard.Learning.Tests.Nn;

/// <summary>
/// The nn tests marked Category=Simd (GEMM sweep, layer and whole-network references) also pass in a child process with
/// hardware intrinsics disabled, where the GEMM falls back to its scalar micro-kernel and element-wise loops to scalar code.
/// </summary>
public sealed class NnScalarFallbackTests
{
    [Fact]
    [Trait("Category", "ScalarFallback")]
    public void NnSimdTestsPassWithHardwareIntrinsicsDisabled()
    {
        var (exitCode, passed, output) = ScalarFallback.RunSimdTestsWithoutIntrinsics("NoteGuard.Learning.Tests", TimeSpan.FromMinutes(8));
        Assert.True(exitCode == 0, "scalar run failed:\n" + output);
        Assert.True(passed > 0, "no Simd test ran in the scalar child:\n" + output);
    }

    [Fact]
    [Trait("Category", ScalarFallback.SimdCategory)]
    public void ChildRunUsesTheScalarGemm()
    {
        if (ScalarFallback.IsChild)
        {
            Assert.False(Vector256.IsHardwareAccelerated);
            Assert.Equal(GemmIsa.Scalar, Gemm.DetectIsa());
        }
    }
}
