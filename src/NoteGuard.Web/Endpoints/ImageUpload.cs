using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace NoteGuard.Web.Endpoints;

/// <summary>An image read from a request, or the problem that stopped it.</summary>
internal readonly record struct ImageUpload(byte[]? Image, IReadOnlyList<string> Models, int Status, string? Title, string? Detail)
{
    /// <summary>Room for multipart boundaries and headers on top of the image limit.</summary>
    private const long MultipartOverhead = 64 * 1024;

    private static readonly string[] s_imageTypes =
    [
        "image/png", "image/jpeg", "image/pjpeg", "image/jpg", "image/x-portable-anymap", "image/x-portable-pixmap",
        "image/x-portable-graymap", "image/x-portable-bitmap", "application/octet-stream",
    ];

    public bool Succeeded => Image is not null;

    /// <summary>
    /// Reads the image from a multipart field <c>image</c> or from the raw body, never holding more than the limit plus
    /// multipart overhead. Model names come from the query (<c>?models=a,b</c>) and from form fields <c>models</c>.
    /// </summary>
    public static async Task<ImageUpload> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var models = SplitModels(request.Query["models"]);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || contentType.MediaType.Value is not { } mediaType)
        {
            return Unsupported(request.ContentType);
        }

        bool multipart = mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (!multipart && !IsImageType(mediaType))
        {
            return Unsupported(mediaType);
        }

        long bodyLimit = multipart ? maxBytes + MultipartOverhead : maxBytes;
        if (request.ContentLength > bodyLimit)
        {
            return TooLarge(maxBytes);
        }

        // Kestrel enforces the same bound for chunked bodies; the copy below enforces it everywhere else.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = bodyLimit;
        }

        byte[]? body;
        try
        {
            body = await ReadLimitedAsync(request.Body, bodyLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }

        if (body is null)
        {
            return TooLarge(maxBytes);
        }

        if (!multipart)
        {
            return new ImageUpload(body, models, StatusCodes.Status200OK, null, null);
        }

        string? boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return BadRequest("Malformed multipart body", "The multipart/form-data content type has no boundary.");
        }

        return await ReadMultipartAsync(body, boundary, models, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ImageUpload> ReadMultipartAsync(byte[] body, string boundary, List<string> models, long maxBytes, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false)) { BodyLengthLimit = maxBytes };
        byte[]? image = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                string? name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (string.Equals(name, "image", StringComparison.Ordinal) && image is null)
                {
                    if (section.ContentType is { Length: > 0 } partType && MediaTypeHeaderValue.TryParse(partType, out var parsed)
                        && parsed.MediaType.Value is { } partMedia && !IsImageType(partMedia))
                    {
                        return Unsupported(partMedia);
                    }

                    using var buffer = new MemoryStream();
                    await section.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                    image = buffer.ToArray();
                }
                else if (string.Equals(name, "models", StringComparison.Ordinal))
                {
                    using var text = new StreamReader(section.Body);
                    models.AddRange(SplitModels(await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false)));
                }
            }
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return TooLarge(maxBytes);
        }
        catch (IOException ex)
        {
            return BadRequest("Malformed multipart body", Problems.OneLine(ex.Message));
        }

        return image is null
            ? BadRequest("No image", "The form has no 'image' field: send the photo as the multipart field 'image' or as the raw body with an image content type.")
            : new ImageUpload(image, models, StatusCodes.Status200OK, null, null);
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes; null when the stream holds more.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static bool IsImageType(string mediaType) => s_imageTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);

    private static List<string> SplitModels(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static ImageUpload Unsupported(string? mediaType) => new(
        null,
        [],
        StatusCodes.Status415UnsupportedMediaType,
        "Unsupported media type",
        $"Content type '{mediaType ?? "(none)"}' is not supported: send a PNG, JPEG or PNM image as the raw body (image/png, image/jpeg, image/x-portable-anymap, application/octet-stream) or as the multipart/form-data field 'image'.");

    private static ImageUpload TooLarge(long maxBytes) => new(
        null,
        [],
        StatusCodes.Status413PayloadTooLarge,
        "Image too large",
        $"The upload exceeds the limit of {maxBytes} bytes (NoteGuard:MaxUploadBytes).");

    private static ImageUpload BadRequest(string title, string detail) => new(null, [], StatusCodes.Status400BadRequest, title, detail);
}
