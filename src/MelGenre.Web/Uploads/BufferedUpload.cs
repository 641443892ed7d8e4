namespace MelGenre.Web.Uploads;

/// <summary>
/// A whole upload in memory (at most <see cref="WebOptions.MaxUploadBytes"/>), for the endpoints that decode it once
/// and use the audio several times; form fields may come before or after the file.
/// </summary>
/// <param name="FileName">The upload's name as a label.</param>
/// <param name="Buffer">The file's bytes, in the first <paramref name="Length"/> of it.</param>
/// <param name="Length">The file's size in bytes.</param>
/// <param name="Parameters">The settings from the query and the form.</param>
internal sealed record BufferedUpload(string FileName, byte[] Buffer, int Length, AnalysisParameters Parameters)
{
    /// <exception cref="Problems.ApiProblem">400: not a form with a file, or bad settings; 413: too large.</exception>
    public static async Task<BufferedUpload> ReadAsync(HttpRequest request, long maxUploadBytes, CancellationToken cancellation)
    {
        var upload = await MultipartUpload.OpenAsync(request, maxUploadBytes, cancellation);
        using var buffer = new MemoryStream();
        await upload.File.CopyToAsync(buffer, cancellation);
        await upload.ReadRestAsync();
        var parameters = AnalysisParameters.Parse(request.Query, upload.Fields);
        return new BufferedUpload(upload.FileName, buffer.GetBuffer(), (int)buffer.Length, parameters);
    }

    /// <summary>A fresh read-only stream over the bytes.</summary>
    public Stream Open() => new MemoryStream(Buffer, 0, Length, writable: false);
}
