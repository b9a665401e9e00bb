using System.Diagnostics;
using System.Runtime.Intrinsics;
using NoteGuard.Imaging.Processing.Filters;

namespace NoteGuard.Imaging.Tests.Processing.Filters;

/// <summary>
/// The vector paths (TensorPrimitives' fused multiply-add) must give exactly what a scalar fused multiply-add loop
/// gives, for every remainder length; and the OpenCV reference tests must also pass with hardware intrinsics disabled.
/// </summary>
public class ScalarFallbackTests
{
    private const string ChildVariable = "NOTEGUARD_SCALAR_CHILD";

    [Fact]
    public void VectorCorrelationEqualsScalarFusedMultiplyAddForAllWidths()
    {
        var random = new Random(5);
        var kernel = new ConvolutionKernel(3, 3, [0.1f, -0.25f, 0.3f, 0.7f, 1.1f, -0.4f, 0.05f, 0.2f, -0.15f]);
        for (int width = 1; width <= 70; width++)
        {
            var values = new float[width * 3];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)(random.NextDouble() * 255);
            }

            using var plane = ImagePlane.FromValues(width, 3, values);
            using var actual = plane.Convolve(kernel);
            for (int y = 0; y < 3; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    float expected = 0;
                    bool first = true;
                    for (int ky = 0; ky < 3; ky++)
                    {
                        for (int kx = 0; kx < 3; kx++)
                        {
                            float v = plane[BorderIndex.Map(x + kx - 1, width, BorderMode.Reflect101), BorderIndex.Map(y + ky - 1, 3, BorderMode.Reflect101)];
                            expected = first ? v * kernel[kx, ky] : MathF.FusedMultiplyAdd(v, kernel[kx, ky], expected);
                            first = false;
                        }
                    }

                    Assert.True(expected.Equals(actual[x, y]), $"width {width} at ({x},{y}): scalar {expected:R}, vector {actual[x, y]:R}");
                }
            }
        }
    }

    [Theory]
    [InlineData(PixelFormat.Gray8, BorderMode.Reflect101)]
    [InlineData(PixelFormat.Rgb24, BorderMode.Reflect101)]
    [InlineData(PixelFormat.Rgba32, BorderMode.Replicate)]
    [InlineData(PixelFormat.Rgb24, BorderMode.Constant)]
    public void IntegerKernelPathEqualsExactSumsForAllWidths(PixelFormat format, BorderMode border)
    {
        // Sharpen and emboss take the 16-bit integer path; every output must be the exact saturated integer sum
        // (which is also what the float path gives, its arithmetic being exact on these integers).
        var random = new Random(11);
        var options = new ConvolutionOptions(border) { BorderValue = 7 };
        foreach (var kernel in new[] { ConvolutionExtensions.SharpenKernel, ConvolutionExtensions.EmbossKernel })
        {
            for (int width = 1; width <= 70; width++)
            {
                using var image = Image.Create(width, 4, format);
                random.NextBytes(image.Pixels);
                using var actual = image.Convolve(kernel, options);
                int channels = image.Channels;
                for (int y = 0; y < 4; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        for (int c = 0; c < channels; c++)
                        {
                            int expected = image.GetRowReadOnly(y)[(x * channels) + c];
                            if (c < 3 || channels != 4)
                            {
                                int sum = 0;
                                for (int ky = 0; ky < 3; ky++)
                                {
                                    for (int kx = 0; kx < 3; kx++)
                                    {
                                        int sx = BorderIndex.Map(x + kx - 1, width, border);
                                        int sy = BorderIndex.Map(y + ky - 1, 4, border);
                                        int v = sx < 0 || sy < 0 ? 7 : image.GetRowReadOnly(sy)[(sx * channels) + c];
                                        sum += (int)kernel[kx, ky] * v;
                                    }
                                }

                                expected = Math.Clamp(sum, 0, 255);
                            }

                            Assert.True(expected == actual.GetRowReadOnly(y)[(x * channels) + c], $"{format} {border} width {width} at ({x},{y},{c})");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void HardwareIntrinsicsAreOffInTheChildProcess()
    {
        if (Environment.GetEnvironmentVariable(ChildVariable) == "1")
        {
            Assert.False(Vector128.IsHardwareAccelerated);
        }
    }

    [Fact]
    public async Task ReferenceTestsPassWithHardwareIntrinsicsDisabled()
    {
        if (Environment.GetEnvironmentVariable(ChildVariable) == "1")
        {
            return; // we are the child
        }

        string assembly = typeof(ScalarFallbackTests).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("test");
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--filter");
        start.ArgumentList.Add("FullyQualifiedName~FilterReferenceTests|FullyQualifiedName~ResizeTests|FullyQualifiedName~WarpTests|FullyQualifiedName~ScalarFallbackTests");
        start.Environment["DOTNET_EnableHWIntrinsic"] = "0";
        start.Environment[ChildVariable] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        string output = await stdout;
        string errors = await stderr;
        Assert.True(process.ExitCode == 0, $"Scalar child run failed ({process.ExitCode}):\n{output}\n{errors}");
        Assert.Contains("Passed!", output, StringComparison.Ordinal);
    }
}
