using NoteGuard.Web.Security;

namespace NoteGuard.Web.Tests;

public sealed class BindingPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.9.9.9:80", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://example.org:5000", false)]
    [InlineData("not a url", false)]
    public void Loopback_is_recognised(string url, bool loopback) => Assert.Equal(loopback, BindingPolicy.IsLoopback(url));

    [Fact]
    public void Check_refuses_only_remote_without_key_or_permission()
    {
        Assert.Null(BindingPolicy.Check("http://127.0.0.1:5000;http://localhost:5001", hasApiKey: false, allowRemoteWithoutApiKey: false));
        Assert.Contains("0.0.0.0", BindingPolicy.Check("http://0.0.0.0:5000", false, false), StringComparison.Ordinal);
        Assert.Null(BindingPolicy.Check("http://0.0.0.0:5000", true, false));
        Assert.Null(BindingPolicy.Check("http://0.0.0.0:5000", false, true));
    }
}
