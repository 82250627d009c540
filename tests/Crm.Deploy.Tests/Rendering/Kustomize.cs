using System.ComponentModel;
using System.Diagnostics;

namespace Crm.Deploy.Tests.Rendering;

/// <summary>
/// Renders an overlay as <c>kubectl kustomize</c> does for <c>kubectl apply -k</c>: offline, with no cluster, so what
/// the tests read is exactly what a deploy would send.
/// </summary>
public static class Kustomize
{
    public static async Task<string> RenderAsync(string overlayDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            ArgumentList = { "kustomize", overlayDirectory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var kubectl = Start(start);
        var output = kubectl.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = kubectl.StandardError.ReadToEndAsync(cancellationToken);
        await kubectl.WaitForExitAsync(cancellationToken);
        if (kubectl.ExitCode != 0)
        {
            throw new InvalidOperationException($"`kubectl kustomize {overlayDirectory}` failed (exit {kubectl.ExitCode}): {(await errors).Trim()}");
        }

        return await output;
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                "kubectl is not on the PATH: the deploy tests render deploy/k8s with `kubectl kustomize` (kubectl 1.27 or later, which bundles kustomize 5). Install kubectl and run them again.",
                ex);
        }
    }
}
