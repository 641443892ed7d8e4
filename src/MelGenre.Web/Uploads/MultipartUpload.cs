using System.Text;
using MelGenre.Web.Problems;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MelGenre.Web.Uploads;

/// <summary>
/// A <c>multipart/form-data</c> request read section by section straight from the connection: the small form fields
/// into memory, the <c>file</c> field as a stream (<see cref="File"/>). Nothing is ever written to disk, not even for
/// a large or abandoned upload (ASP.NET Core's form binding would buffer files over 64 KiB in a temporary file).
/// </summary>
internal sealed class MultipartUpload
{
    /// <summary>The form field that holds the audio.</summary>
    public const string FileField = "file";

    /// <summary>Longest form field value accepted besides the file, in bytes.</summary>
    public const int MaxFieldBytes = 1024;

    /// <summary>RFC 2046's longest boundary.</summary>
    private const int MaxBoundaryLength = 70;

    private readonly MultipartReader _reader;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<string, string> _fieldsBeforeFile;
    private readonly Dictionary<string, string> _fieldsAfterFile = new(StringComparer.OrdinalIgnoreCase);

    private MultipartUpload(MultipartReader reader, Dictionary<string, string> fieldsBeforeFile, string fileName, UploadStream file,
        CancellationToken cancellation)
    {
        _reader = reader;
        _fieldsBeforeFile = fieldsBeforeFile;
        FileName = fileName;
        File = file;
        _cancellation = cancellation;
    }

    /// <summary>The upload's name as a label (<see cref="UploadName.Sanitise"/>).</summary>
    public string FileName { get; }

    /// <summary>The file's bytes as they arrive, limited to the upload limit.</summary>
    public UploadStream File { get; }

    /// <summary>The form fields sent before the file.</summary>
    public IReadOnlyDictionary<string, string> FieldsBeforeFile => _fieldsBeforeFile;

    /// <summary>The form fields sent after the file (known once <see cref="ReadRestAsync"/> has run).</summary>
    public IReadOnlyDictionary<string, string> FieldsAfterFile => _fieldsAfterFile;

    /// <summary>Every form field, those after the file winning over those before.</summary>
    public IReadOnlyDictionary<string, string> Fields
    {
        get
        {
            var fields = new Dictionary<string, string>(_fieldsBeforeFile, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in _fieldsAfterFile)
                fields[name] = value;
            return fields;
        }
    }

    /// <summary>Reads the form up to the start of the file's bytes.</summary>
    /// <exception cref="ApiProblem">400: not a multipart form, a malformed one, an oversized field, or no <c>file</c>
    /// field.</exception>
    public static async Task<MultipartUpload> OpenAsync(HttpRequest request, long maxFileBytes, CancellationToken cancellation)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw ApiProblem.NotMultipart();
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > MaxBoundaryLength)
            throw ApiProblem.MalformedForm("the Content-Type has no valid boundary");

        var reader = new MultipartReader(boundary, request.Body);
        var fieldsBeforeFile = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await NextSectionAsync(reader, cancellation) is { } section)
        {
            if (!section.IsFile)
            {
                fieldsBeforeFile[section.Name] = await ReadFieldAsync(section, cancellation);
                continue;
            }
            return new MultipartUpload(reader, fieldsBeforeFile, UploadName.Sanitise(section.FileName),
                new UploadStream(section.Body, maxFileBytes, cancellation), cancellation);
        }
        throw ApiProblem.NoFile();
    }

    /// <summary>Reads the sections after the file (what the decoder left of the file is skipped).</summary>
    /// <exception cref="ApiProblem">400: a second file, a malformed form or an oversized field.</exception>
    public async Task ReadRestAsync()
    {
        while (await NextSectionAsync(_reader, _cancellation) is { } section)
        {
            if (section.IsFile)
                throw ApiProblem.InvalidParameter($"send one file per request (a second '{FileField}' field came)");
            _fieldsAfterFile[section.Name] = await ReadFieldAsync(section, _cancellation);
        }
    }

    /// <summary>A form section: its field name, and whether it is the file.</summary>
    private sealed record FormSection(string Name, string? FileName, Stream Body)
    {
        public bool IsFile => Name.Equals(FileField, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<FormSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellation)
    {
        var section = await ReadFormAsync(() => reader.ReadNextSectionAsync(cancellation), cancellation);
        if (section is null)
            return null;
        if (section.GetContentDispositionHeader() is not { } disposition || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            throw ApiProblem.MalformedForm("a part has no Content-Disposition: form-data header");
        var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
        var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        return new FormSection(name, fileName, section.Body);
    }

    private static async Task<string> ReadFieldAsync(FormSection section, CancellationToken cancellation)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var length = await ReadFormAsync(() => section.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellation).AsTask(), cancellation);
        if (length > MaxFieldBytes)
            throw ApiProblem.InvalidParameter($"the form field '{section.Name}' is longer than {MaxFieldBytes} bytes");
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>Runs a read of the form, turning the reader's complaints about the form into 400 problems.</summary>
    private static async Task<T> ReadFormAsync<T>(Func<Task<T>> read, CancellationToken cancellation)
    {
        try
        {
            return await read();
        }
        catch (InvalidDataException malformed)
        {
            throw ApiProblem.MalformedForm(malformed.Message);
        }
        catch (IOException cut) when (cut is not BadHttpRequestException && !cancellation.IsCancellationRequested)
        {
            // MultipartReader's "Unexpected end of Stream": the body ended before the closing boundary.
            throw ApiProblem.MalformedForm("the body ends before the form's closing boundary");
        }
    }
}
