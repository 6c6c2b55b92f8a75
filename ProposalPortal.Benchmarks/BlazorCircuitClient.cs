using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProposalPortal.Benchmarks;

/// <summary>
/// A Blazor Server circuit without a browser: what .NET 10's blazor.web.js does for a static page with interactive
/// server islands, so that a harness can hold hundreds of real circuits on a 2-core machine where as many Chromium
/// tabs would take the cores the server needs.
/// <list type="number">
/// <item>GET the page over HTTP with the user's cookies; find the islands' <c>&lt;!--Blazor:{…}--&gt;</c> markers and the
/// <c>&lt;!--Blazor-Server-Component-State:…--&gt;</c> comment, if any.</item>
/// <item>Connect to <c>/_blazor</c> over WebSockets with the blazorpack protocol, <c>StartCircuit(baseUri, uri, "[]",
/// state)</c> (a web page starts its circuit with no initial components), then <c>UpdateRootComponents</c> with one
/// <c>add</c> operation per marker (ssrComponentId from 1, the marker's JSON with its uniqueId), as WebRootComponentManager does.</item>
/// <item>Decode every render batch (its reference frames and string table, as blazor.web.js's OutOfProcessRenderBatch
/// reads them), hand it to the harness, and acknowledge it (<c>OnRenderCompleted(batchId, null)</c>).</item>
/// <item>Answer every JS interop call (<c>EndInvokeJSFromDotNet</c>) with null, or what <see cref="AnswerJs"/> gives: no
/// DOM runs here, so MudBlazor's and the portal's scripts have nothing to do; the identifiers are counted in
/// <see cref="JsCalls"/> so a run can say what the islands called.</item>
/// <item>Dispatch browser events (a click, a changed field) to the handlers the batches named
/// (<see cref="FindElement"/>, <see cref="DispatchEventAsync"/>); fetch the page again and update its islands
/// (<see cref="RefreshAsync"/>); post the disconnect beacon on leaving (<see cref="DisposeAsync"/>).</item>
/// </list>
/// A circuit that reports <c>JS.Error</c>, whose event handler fails, or whose connection closes before
/// <see cref="DisposeAsync"/>, sets <see cref="Error"/>: harnesses fail on it.
/// </summary>
internal sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly string _path;
    private readonly TaskCompletionSource _rootsAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Guards what the receive loop records (attributes seen, elements, waiters) against the harness's reads.
    private readonly Lock _gate = new();
    private readonly List<(string Name, string Value, TaskCompletionSource Done)> _waiters = [];
    private readonly HashSet<(string, string?)> _seenAttributes = [];
    private readonly List<(Func<RenderBatchView, bool> Match, TaskCompletionSource<RenderBatchView> Done)> _batchWaiters = [];
    private readonly List<(int SsrComponentId, string Key)> _roots = [];
    private int _nextOperationBatch = 1;
    private int _nextUniqueId;
    private long _nextJsObjectId = 1;
    private string? _circuitSecret;
    private long _interopObjectId = -1;
    private long _nextDotNetCall;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string?>> _pendingDotNetCalls = new(StringComparer.Ordinal);
    private readonly List<ElementView> _elements = [];
    private readonly HashSet<ulong> _disposedHandlers = [];
    private volatile bool _disposing;

    private BlazorCircuitClient(HttpClient http, CookieContainer cookies, string baseUrl, string path)
    {
        _http = http;
        _baseUrl = baseUrl.TrimEnd('/');
        _path = path;
        var builder = new HubConnectionBuilder()
            .WithUrl(_baseUrl + "/_blazor", HttpTransportType.WebSockets, o =>
            {
                o.Cookies = cookies;
                o.SkipNegotiation = true;
            });
        // The one protocol the server's ComponentHub accepts; the last IHubProtocol registered is the one the client uses.
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        if (Trace)
        {
            // A message the client could not bind (an argument list that changed with a framework version) is only logged.
            builder.Services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        }
        _hub = builder.Build();
        // A circuit keeps its socket as long as the harness holds it: the server's own timeout, not a dozen seconds.
        _hub.ServerTimeout = TimeSpan.FromMinutes(2);

        _hub.On("JS.RenderBatch", [typeof(long), typeof(byte[])], async args =>
        {
            var batchId = (long)args[0]!;
            var batch = RenderBatchView.Decode(batchId, (byte[])args[1]!);
            if (Trace)
            {
                Console.WriteLine($"[circuit {_path}] batch {batchId}: {batch.Length} bytes; " + string.Join("; ", batch.Elements
                    .Where(e => e.Attributes.Values.Any(a => a.Handler != 0) || e["data-testid"] is not null)
                    .Select(e => $"<{e.Name} {string.Join(' ', e.Attributes.Select(a => a.Value.Handler != 0 ? $"{a.Key}=#{a.Value.Handler}" : $"{a.Key}={a.Value.Value}"))}>")));
            }

            Interlocked.Increment(ref _renderBatches);
            Remember(batch);
            try
            {
                Rendered?.Invoke(batch);
            }
            finally
            {
                await _hub.SendAsync("OnRenderCompleted", batchId, null);
            }
        });
        // .NET 10: (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType), as blazor.web.js's
        // beginInvokeJSFromDotNet reads them. A handle of 0 wants no answer.
        _hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async args =>
        {
            var handle = (long)args[0]!;
            var identifier = (string)args[1]!;
            JsCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
            if (Trace)
            {
                Console.WriteLine($"[circuit {_path}] JS {identifier} {args[2]} (handle {handle}, result type {args[3]}, call type {args[5]})");
            }

            if (identifier == "Blazor._internal.attachWebRendererInterop")
            {
                // [rendererId, {"__dotNetObject": id}, …]: the object the browser dispatches its events to.
                _interopObjectId = JsonNode.Parse((string)args[2]!)![1]!["__dotNetObject"]!.GetValue<long>();
            }

            var result = AnswerJs?.Invoke(this, identifier, (string?)args[2]) ?? KnownAnswers.GetValueOrDefault(identifier);
            if (result is null && (int)args[3]! == 1)
            {
                // JSCallResultType.JSObjectReference: the .NET side expects an object reference back.
                result = string.Create(CultureInfo.InvariantCulture, $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJsObjectId)}}}");
            }

            if (handle != 0)
            {
                await _hub.SendAsync("EndInvokeJSFromDotNet", handle, true,
                    string.Create(CultureInfo.InvariantCulture, $"[{handle},true,{result ?? "null"}]"));
            }
        });
        // The answers to .NET calls from JS: this client makes none, but a server that sent one is heard, not dropped.
        _hub.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], args =>
        {
            if (Trace)
            {
                Console.WriteLine($"[circuit {_path}] EndInvokeDotNet {args[0]} {args[1]} {args[2]}");
            }

            if (_pendingDotNetCalls.TryRemove((string)args[0]!, out var call))
            {
                if ((bool)args[1]!)
                {
                    call.TrySetResult((string?)args[2]);
                }
                else
                {
                    call.TrySetException(new InvalidOperationException($"{_path}: a .NET call from the page failed: {args[2]}"));
                }
            }

            return Task.CompletedTask;
        });
        _hub.On("JS.EndUpdateRootComponents", [typeof(long)], _ =>
        {
            _rootsAdded.TrySetResult();
            return Task.CompletedTask;
        });
        _hub.On("JS.Error", [typeof(string)], args =>
        {
            Fail("JS.Error: " + args[0]);
            return Task.CompletedTask;
        });
        foreach (var (method, types) in new (string, Type[])[]
        {
            // Where a root component goes (its SSR component id): the browser's DOM, nothing to do without one.
            ("JS.AttachComponent", [typeof(int), typeof(string)]),
            ("JS.EndLocationChanging", [typeof(int), typeof(bool)]),
            ("JS.ReceiveByteArray", [typeof(int), typeof(byte[])]),
            ("JS.BeginTransmitStream", [typeof(long)]),
            ("JS.SavePersistedState", [typeof(string), typeof(string), typeof(string)]),
        })
        {
            _hub.On(method, types, _ =>
            {
                JsCalls.AddOrUpdate("(" + method + ")", 1, (_, n) => n + 1);
                return Task.CompletedTask;
            });
        }

        _hub.Closed += e =>
        {
            if (!_disposing)
            {
                Fail("the circuit's connection closed: " + (e?.Message ?? "by the server"));
            }

            return Task.CompletedTask;
        };
    }

    private int _renderBatches;

    /// <summary>
    /// What the browser would answer to the calls whose result the .NET side reads (every other call is answered null):
    /// MudPopoverProvider asks how many popover providers the page has (the island's one), and warns without one.
    /// </summary>
    private static readonly Dictionary<string, string> KnownAnswers = new(StringComparer.Ordinal)
    {
        ["mudpopoverHelper.countProviders"] = "1",
    };

    /// <summary>PORTAL_CIRCUIT_TRACE=1: every batch's elements with handlers, every JS call and .NET answer, on the console.</summary>
    private static readonly bool Trace = Environment.GetEnvironmentVariable("PORTAL_CIRCUIT_TRACE") == "1";

    /// <summary>Every JS interop identifier the circuits of this process were asked to call, with counts.</summary>
    public static ConcurrentDictionary<string, int> JsCalls { get; } = new(StringComparer.Ordinal);

    /// <summary>The page this circuit belongs to (its path and query).</summary>
    public string Path => _path;

    /// <summary>The page's HTML as first fetched (or as the last refresh fetched it).</summary>
    public string Html { get; private set; } = string.Empty;

    /// <summary>Whether the page has islands, so a circuit.</summary>
    public bool HasCircuit => _circuitSecret is not null;

    /// <summary>The render batches received so far.</summary>
    public int RenderBatches => Volatile.Read(ref _renderBatches);

    /// <summary>The first thing that went wrong with this circuit, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>
    /// Each render batch, decoded, as it arrives (on the connection's receive loop: keep it short). The batch is
    /// acknowledged after the handler returns, as blazor.web.js acknowledges it after applying it to the DOM.
    /// </summary>
    public event Action<RenderBatchView>? Rendered;

    /// <summary>
    /// The JSON result of a JS call (identifier, argsJson), or null for null/void. Runs on the receive loop: it must not
    /// wait for the server (a hub invocation would deadlock); start any longer work on its own task.
    /// </summary>
    public Func<BlazorCircuitClient, string, string?, string?>? AnswerJs { get; init; }

    /// <summary>GETs the page, starts its circuit and adds its islands; returns once the server has added them.</summary>
    public static async Task<BlazorCircuitClient> OpenAsync(HttpClient http, CookieContainer cookies, string baseUrl, string path,
        Func<BlazorCircuitClient, string, string?, string?>? answerJs = null, Action<RenderBatchView>? rendered = null,
        bool allowStatic = false, CancellationToken cancellationToken = default)
    {
        var client = new BlazorCircuitClient(http, cookies, baseUrl, path) { AnswerJs = answerJs };
        if (rendered is not null)
        {
            client.Rendered += rendered;
        }

        try
        {
            var html = client.Html = await client.FetchAsync(cancellationToken);
            var (markers, state) = ParsePage(html);
            if (markers.Count == 0)
            {
                if (allowStatic)
                {
                    return client; // a static page: no island, so no circuit (as blazor.web.js starts none)
                }

                throw new InvalidOperationException($"{path}: the page has no interactive server component marker");
            }

            await client._hub.StartAsync(cancellationToken);
            client._circuitSecret = await client._hub.InvokeAsync<string?>("StartCircuit",
                client._baseUrl + "/", client._baseUrl + path, "[]", state ?? string.Empty, cancellationToken);
            if (string.IsNullOrEmpty(client._circuitSecret))
            {
                throw new InvalidOperationException($"{path}: StartCircuit returned no circuit ({client.Error ?? "no error reported"})");
            }

            var operations = new JsonArray();
            foreach (var marker in markers)
            {
                var ssrComponentId = client._roots.Count + 1;
                client._roots.Add((ssrComponentId, KeyOf(marker)));
                operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = ssrComponentId, ["marker"] = client.WithUniqueId(marker) });
            }

            await client.SendOperationsAsync(operations, state, cancellationToken);
            await client._rootsAdded.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What blazor.web.js does after an enhanced navigation to the same page (portal.refresh): the page fetched again,
    /// and each island whose marker is new sent as an <c>update</c> of the same root component (its new parameters),
    /// in the same circuit. Returns the page's HTML.
    /// </summary>
    public async Task<string> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var html = Html = await FetchAsync(cancellationToken);
        var (markers, _) = ParsePage(html);
        var operations = new JsonArray();
        foreach (var marker in markers)
        {
            var key = KeyOf(marker);
            var root = _roots.FirstOrDefault(r => r.Key == key);
            if (root.Key is not null)
            {
                operations.Add(new JsonObject { ["type"] = "update", ["ssrComponentId"] = root.SsrComponentId, ["marker"] = WithUniqueId(marker) });
            }
        }

        if (operations.Count > 0)
        {
            await SendOperationsAsync(operations, string.Empty, cancellationToken);
        }

        return html;
    }

    /// <summary>Waits until a render batch has rendered the attribute with the value (or one already had).</summary>
    public Task WaitForAttributeAsync(string name, string value, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_seenAttributes.Contains((name, value)))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((name, value, done));
            return done.Task.WaitAsync(timeout);
        }
    }

    /// <summary>The next render batch (from now on) that matches; fails with the circuit's error if it fails first.</summary>
    public Task<RenderBatchView> NextBatchAsync(Func<RenderBatchView, bool> match, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<RenderBatchView>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _batchWaiters.Add((match, done));
        }

        return done.Task.WaitAsync(timeout);
    }

    /// <summary>Disconnects as a closing tab does: the disconnect beacon (the circuit is disposed at once), then the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        if (_circuitSecret is not null)
        {
            try
            {
                using var form = new MultipartFormDataContent { { new StringContent(_circuitSecret), "circuitId" } };
                using var response = await _http.PostAsync(new Uri(_baseUrl + "/_blazor/disconnect"), form);
                if (!response.IsSuccessStatusCode)
                {
                    Console.WriteLine($"  {_path}: the disconnect beacon got {(int)response.StatusCode}");
                }
            }
            catch (HttpRequestException)
            {
                // The server is gone: nothing to dispose there.
            }
        }

        await _hub.DisposeAsync();
    }

    private async Task<string> FetchAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_baseUrl + _path), cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {_path}: {(int)response.StatusCode}");
        }

        return html;
    }

    private Task SendOperationsAsync(JsonArray operations, string? state, CancellationToken cancellationToken)
    {
        var batch = new JsonObject { ["batchId"] = _nextOperationBatch++, ["operations"] = operations };
        return _hub.SendAsync("UpdateRootComponents", batch.ToJsonString(), state ?? string.Empty, cancellationToken);
    }

    private JsonObject WithUniqueId(JsonObject marker)
    {
        var copy = (JsonObject)marker.DeepClone();
        copy["uniqueId"] = _nextUniqueId++;
        return copy;
    }

    /// <summary>A marker's identity across renders of the page: its key (the render location and @key), as blazor.web.js matches them.</summary>
    private static string KeyOf(JsonObject marker) =>
        marker["key"] is JsonObject key ? $"{key["locationHash"]}|{key["formattedComponentKey"]}" : marker.ToJsonString();

    /// <summary>The server component markers in document order, and the server component state, if the page has one.</summary>
    internal static (List<JsonObject> Markers, string? State) ParsePage(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in Marker().Matches(html))
        {
            if (JsonNode.Parse(match.Groups["json"].Value) is JsonObject marker && (string?)marker["type"] == "server")
            {
                markers.Add(marker);
            }
        }

        var state = ServerState().Match(html);
        return (markers, state.Success ? state.Groups["state"].Value : null);
    }

    /// <summary>
    /// The newest element rendered so far that matches, whose event handler for <paramref name="eventAttribute"/> is
    /// still live (not disposed by a later batch), or null.
    /// </summary>
    public ElementView? FindElement(Func<ElementView, bool> match, string eventAttribute)
    {
        lock (_gate)
        {
            for (var i = _elements.Count - 1; i >= 0; i--)
            {
                var element = _elements[i];
                if (match(element) && element.Handler(eventAttribute) is var handler && handler != 0 && !_disposedHandlers.Contains(handler))
                {
                    return element;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// A browser event, as blazor.web.js dispatches it in .NET 10: <c>DispatchEventAsync(descriptor, eventArgs)</c> on the
    /// renderer's interop object (BeginInvokeDotNetFromJS). Returns once it is sent: the handler's answer
    /// (JS.EndInvokeDotNet) comes when the handler completes, which for a button that opens a dialog and awaits its
    /// result is when the dialog closes; the browser does not wait for it either. A handler that fails makes the circuit
    /// fail (<see cref="Error"/>), as the browser reports it.
    /// </summary>
    public async Task DispatchEventAsync(ulong handler, string eventName, JsonObject eventArgs)
    {
        if (_interopObjectId < 0)
        {
            throw new InvalidOperationException($"{_path}: the renderer has not attached its interop object");
        }

        var callId = Interlocked.Increment(ref _nextDotNetCall).ToString(CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingDotNetCalls[callId] = done;
        var descriptor = new JsonObject { ["eventHandlerId"] = handler, ["eventName"] = eventName, ["eventFieldInfo"] = null };
        _ = done.Task.ContinueWith(t => Fail($"the {eventName} event's handler failed: {t.Exception?.InnerException?.Message}"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        await _hub.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", _interopObjectId,
            new JsonArray(descriptor, eventArgs).ToJsonString());
    }

    private void Remember(RenderBatchView batch)
    {
        List<Action>? done = null;
        lock (_gate)
        {
            _elements.AddRange(batch.Elements.Where(e => e.Attributes.Values.Any(a => a.Handler != 0)));
            _disposedHandlers.UnionWith(batch.DisposedEventHandlers);
            if (_elements.Count > 4096)
            {
                // A long-lived circuit (a board) re-renders for hours: only elements with a live handler can be clicked.
                _elements.RemoveAll(e => e.Attributes.Values.All(a => a.Handler == 0 || _disposedHandlers.Contains(a.Handler)));
                _disposedHandlers.Clear();
            }
            foreach (var (name, value) in batch.Attributes)
            {
                _seenAttributes.Add((name, value));
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var (name, value, tcs) = _waiters[i];
                if (_seenAttributes.Contains((name, value)))
                {
                    (done ??= []).Add(() => tcs.TrySetResult());
                    _waiters.RemoveAt(i);
                }
            }

            for (var i = _batchWaiters.Count - 1; i >= 0; i--)
            {
                if (_batchWaiters[i].Match(batch))
                {
                    var waiter = _batchWaiters[i].Done;
                    (done ??= []).Add(() => waiter.TrySetResult(batch));
                    _batchWaiters.RemoveAt(i);
                }
            }
        }

        done?.ForEach(complete => complete());
    }

    private void Fail(string message)
    {
        Error ??= $"{_path}: {message}";
        var error = new InvalidOperationException(Error);
        _rootsAdded.TrySetException(error);
        lock (_gate)
        {
            _waiters.ForEach(w => w.Done.TrySetException(error));
            _waiters.Clear();
            _batchWaiters.ForEach(w => w.Done.TrySetException(error));
            _batchWaiters.Clear();
        }

        foreach (var id in _pendingDotNetCalls.Keys)
        {
            if (_pendingDotNetCalls.TryRemove(id, out var call))
            {
                call.TrySetCanceled(); // the circuit's error is already recorded
            }
        }
    }

    // The start marker of an interactive root component (the end marker is <!--/Blazor:…-->).
    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)\s*-->")]
    private static partial Regex ServerState();

    /// <summary>
    /// blazorpack: SignalR's MessagePack hub protocol under the name the Blazor hub asks for (blazor.web.js builds it
    /// the same way, its MessagePack protocol renamed).
    /// </summary>
    private sealed class BlazorPackProtocol : IHubProtocol
    {
        private readonly MessagePackHubProtocol _inner = new();

        public string Name => "blazorpack";

        public int Version => _inner.Version;

        public TransferFormat TransferFormat => TransferFormat.Binary;

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
            _inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

        public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);
    }
}

/// <summary>
/// A render batch as the browser reads it (RenderBatchWriter's format, little-endian): the trailer's five offsets
/// (updated components, reference frames, disposed component ids, disposed event handler ids, string table); the
/// reference frames, 20 bytes each (type, then fields); the string table, one int32 location per string, each string
/// a 7-bit-encoded length and its UTF-8 bytes. The attributes and texts are those of the batch's reference frames:
/// every element, attribute and text the batch adds or sets.
/// </summary>
internal sealed class RenderBatchView
{
    private const int FrameSize = 20;
    private const int Element = 1;
    private const int Text = 2;
    private const int Attribute = 3;
    private const int Markup = 8;

    public required long BatchId { get; init; }

    public required int Length { get; init; }

    /// <summary>Each attribute frame's name and value (null for an event handler or a boolean attribute).</summary>
    public required IReadOnlyList<(string Name, string? Value)> Attributes { get; init; }

    /// <summary>Each text and markup frame's content.</summary>
    public required IReadOnlyList<string> Texts { get; init; }

    /// <summary>
    /// Each element the batch renders anew (its frame followed by its attribute frames, as a new subtree lists them):
    /// its name and attributes, an event handler's id with its attribute (onclick …).
    /// </summary>
    public required IReadOnlyList<ElementView> Elements { get; init; }

    /// <summary>The event handlers the batch disposes (an element re-rendered or removed).</summary>
    public required IReadOnlyList<ulong> DisposedEventHandlers { get; init; }

    public string? AttributeValue(string name) => Attributes.LastOrDefault(a => a.Name == name).Value;

    public static RenderBatchView Decode(long batchId, byte[] data)
    {
        int Int(int at) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at, 4));
        var stringTable = Int(data.Length - 4);
        string? String(int index)
        {
            if (index == -1)
            {
                return null;
            }

            var at = Int(stringTable + (4 * index));
            int length = 0, shift = 0;
            for (var i = 0; i < 5; i++)
            {
                var b = data[at++];
                length |= (b & 0x7f) << shift;
                if (b < 0x80)
                {
                    break;
                }

                shift += 7;
            }

            return Encoding.UTF8.GetString(data, at, length);
        }

        var frames = Int(data.Length - 16);
        var count = Int(frames);
        var attributes = new List<(string, string?)>();
        var texts = new List<string>();
        var elements = new List<ElementView>();
        ElementView? element = null;
        for (var i = 0; i < count; i++)
        {
            var frame = frames + 4 + (FrameSize * i);
            var type = Int(frame);
            if (type != Attribute)
            {
                element = null;
            }

            switch (type)
            {
                case Element:
                    element = new ElementView(String(Int(frame + 8)) ?? string.Empty, new Dictionary<string, (string?, ulong)>(StringComparer.Ordinal));
                    elements.Add(element);
                    break;
                case Attribute:
                    var (name, value) = (String(Int(frame + 4)) ?? string.Empty, String(Int(frame + 8)));
                    attributes.Add((name, value));
                    if (element is not null)
                    {
                        element.Attributes[name] = (value, BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(frame + 12, 8)));
                    }

                    break;
                case Text or Markup when String(Int(frame + 4)) is { } text:
                    texts.Add(text);
                    break;
            }
        }

        var disposedHandlers = Int(data.Length - 8);
        var disposed = Enumerable.Range(0, Int(disposedHandlers))
            .Select(i => BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(disposedHandlers + 4 + (8 * i), 8))).ToList();
        return new RenderBatchView
        {
            BatchId = batchId, Length = data.Length, Attributes = attributes, Texts = texts, Elements = elements, DisposedEventHandlers = disposed,
        };
    }
}

/// <summary>An element of a render batch: its name, and each attribute's value and event handler id (0 for none).</summary>
internal sealed record ElementView(string Name, Dictionary<string, (string? Value, ulong Handler)> Attributes)
{
    public string? this[string attribute] => Attributes.TryGetValue(attribute, out var a) ? a.Value : null;

    public ulong Handler(string eventAttribute) => Attributes.TryGetValue(eventAttribute, out var a) ? a.Handler : 0;
}
