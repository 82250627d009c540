using k8s;
using k8s.Models;

namespace Crm.Deploy.Tests.Rendering;

/// <summary>How a failure names the document it is about: <c>Deployment/leads</c>, as kubectl does.</summary>
public static class DocumentNames
{
    public static string Of(IKubernetesObject<V1ObjectMeta> document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return $"{document.Kind}/{document.Metadata.Name}";
    }

    public static string Of(IKubernetesObject<V1ObjectMeta> document, V1Container container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return $"{Of(document)} container {container.Name}";
    }
}
