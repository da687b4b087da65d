// A SPIFFE Workload API served by grpc-go, the gRPC stack of the SPIRE agent, for tests of SPIKE's
// Workload API clients. It serves FetchX509SVID only, with behaviours chosen by flags: a normal answer
// from SVID files, a large answer, rotations on the open stream, an error status, SPIRE's security
// header check, a malformed message, and an abrupt close. It builds offline from Debian's golang-go and
// golang-google-grpc-dev: no protoc, the service is registered by hand and messages pass through a codec
// that keeps them as bytes, encoded here with protobuf's wire format.
package main

import (
	"bytes"
	"crypto/x509"
	"encoding/binary"
	"encoding/pem"
	"flag"
	"fmt"
	"io/ioutil"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

var (
	socket         = flag.String("socket", "", "unix socket to serve on (required)")
	svidDir        = flag.String("svid-dir", "", "directory with svid.pem, svid_key.pem and svid_bundle.pem: the answer")
	rotateTo       = flag.String("rotate-to", "", "directory like -svid-dir: sent on every open stream after -rotate-after")
	rotateAfter    = flag.Duration("rotate-after", time.Second, "when to send -rotate-to, from the start of each call")
	minSize        = flag.Int("min-size", 0, "repeat the bundle's certificates until the answer has at least this many bytes")
	statusCode     = flag.String("status", "", "answer every call with this gRPC status instead (a name such as PermissionDenied, or a number)")
	statusMessage  = flag.String("message", "", "the message of -status")
	headersFirst   = flag.Bool("headers-first", false, "with -status: send response headers before the status (trailers apart, not trailers-only)")
	securityHeader = flag.String("security-header", "workload.spiffe.io", "metadata key that must hold exactly one value \"true\", as SPIRE requires; empty: no check")
	malformed      = flag.Bool("malformed", false, "answer with a message whose first field has a negative length")
	abruptClose    = flag.String("abrupt-close", "", "\"before\": close the connection when a call arrives; \"after\": after the answer (no trailers, no GOAWAY)")
)

// rawCodec passes messages through as bytes: the server builds and reads protobuf itself.
type rawCodec struct{}

func (rawCodec) Marshal(v interface{}) ([]byte, error) {
	switch m := v.(type) {
	case []byte:
		return m, nil
	case *[]byte:
		return *m, nil
	}
	return nil, fmt.Errorf("cannot marshal %T", v)
}

func (rawCodec) Unmarshal(data []byte, v interface{}) error {
	p, ok := v.(*[]byte)
	if !ok {
		return fmt.Errorf("cannot unmarshal into %T", v)
	}
	*p = append([]byte(nil), data...)
	return nil
}

func (rawCodec) String() string { return "proto" }

// trackingListener remembers every accepted connection, so a call can close its own abruptly.
type trackingListener struct {
	net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func (l *trackingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.mu.Lock()
		l.conns = append(l.conns, c)
		l.mu.Unlock()
	}
	return c, err
}

func (l *trackingListener) closeAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.conns {
		c.Close()
	}
	l.conns = nil
}

type workloadAPI struct {
	listener *trackingListener
	answer   []byte
	rotated  []byte
	calls    int
	mu       sync.Mutex
}

func (w *workloadAPI) fetchX509SVID(_ interface{}, stream grpc.ServerStream) error {
	w.mu.Lock()
	w.calls++
	call := w.calls
	w.mu.Unlock()
	md, _ := metadata.FromIncomingContext(stream.Context())
	log.Printf("call %d: %s=%q", call, *securityHeader, md.Get(*securityHeader))
	// SPIRE's check, before anything else (pkg/agent/endpoints/middleware.go).
	if *securityHeader != "" {
		if values := md.Get(*securityHeader); len(values) != 1 || values[0] != "true" {
			return status.Error(codes.InvalidArgument, "security header missing from request")
		}
	}
	var request []byte
	if err := stream.RecvMsg(&request); err != nil {
		return err
	}
	if *abruptClose == "before" {
		w.listener.closeAll()
		return status.Error(codes.Unavailable, "closed")
	}
	if *statusCode != "" {
		if *headersFirst {
			if err := stream.SendHeader(metadata.Pairs("x-test", "headers-first")); err != nil {
				return err
			}
		}
		return status.Error(parseCode(*statusCode), *statusMessage)
	}
	answer := w.answer
	if *malformed {
		answer = malformedMessage()
	}
	if err := stream.SendMsg(answer); err != nil {
		return err
	}
	log.Printf("call %d: answered %d bytes", call, len(answer))
	if *abruptClose == "after" {
		time.Sleep(200 * time.Millisecond)
		w.listener.closeAll()
		return status.Error(codes.Unavailable, "closed")
	}
	if w.rotated != nil {
		select {
		case <-time.After(*rotateAfter):
			if err := stream.SendMsg(w.rotated); err != nil {
				return err
			}
			log.Printf("call %d: rotated", call)
		case <-stream.Context().Done():
			return nil
		}
	}
	<-stream.Context().Done() // the stream stays open for rotations, as an agent's does
	return nil
}

var serviceDesc = grpc.ServiceDesc{
	ServiceName: "SpiffeWorkloadAPI",
	HandlerType: (*interface{})(nil),
	Streams: []grpc.StreamDesc{{
		StreamName:    "FetchX509SVID",
		Handler:       func(srv interface{}, stream grpc.ServerStream) error { return srv.(*workloadAPI).fetchX509SVID(srv, stream) },
		ServerStreams: true,
	}},
	Metadata: "workload.proto",
}

func main() {
	flag.Parse()
	log.SetPrefix("grpc-go-workload-api: ")
	if *socket == "" {
		log.Fatal("-socket is required")
	}
	api := &workloadAPI{}
	if *svidDir != "" {
		api.answer = svidResponse(*svidDir, *minSize)
	} else if *statusCode == "" && !*malformed {
		log.Fatal("-svid-dir, -status or -malformed is required")
	}
	if *rotateTo != "" {
		api.rotated = svidResponse(*rotateTo, *minSize)
	}
	os.Remove(*socket)
	l, err := net.Listen("unix", *socket)
	if err != nil {
		log.Fatal(err)
	}
	api.listener = &trackingListener{Listener: l}
	server := grpc.NewServer(grpc.CustomCodec(rawCodec{}))
	server.RegisterService(&serviceDesc, api)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-signals
		server.Stop()
	}()
	fmt.Printf("serving %s\n", *socket)
	if err := server.Serve(api.listener); err != nil {
		log.Fatal(err)
	}
}

// svidResponse builds X509SVIDResponse{svids: [X509SVID{spiffe_id, x509_svid, x509_svid_key, bundle}]}
// from the spiffe-helper file layout.
func svidResponse(dir string, minSize int) []byte {
	chain := pemBlocks(filepath.Join(dir, "svid.pem"), "CERTIFICATE")
	keys := pemBlocks(filepath.Join(dir, "svid_key.pem"), "PRIVATE KEY")
	bundle := pemBlocks(filepath.Join(dir, "svid_bundle.pem"), "CERTIFICATE")
	if len(chain) == 0 || len(keys) != 1 || len(bundle) == 0 {
		log.Fatalf("%s: expected certificates, one PKCS#8 key and a bundle", dir)
	}
	leaf, err := x509.ParseCertificate(chain[0])
	if err != nil || len(leaf.URIs) != 1 {
		log.Fatalf("%s: the leaf certificate has no single URI SAN: %v", dir, err)
	}
	svid := func(bundleDER []byte) []byte {
		fields := field(nil, 1, []byte(leaf.URIs[0].String()))
		fields = field(fields, 2, concat(chain))
		fields = field(fields, 3, keys[0])
		fields = field(fields, 4, bundleDER)
		return field(nil, 1, fields)
	}
	one := concat(bundle)
	response := svid(one)
	if missing := minSize - len(response); missing > 0 {
		copies := 1 + (missing+len(one)-1)/len(one)
		response = svid(bytes.Repeat(one, copies))
	}
	return response
}

// malformedMessage is field 1 (length-delimited) whose length is the 10-byte varint of -1.
func malformedMessage() []byte {
	message := []byte{0x0a}
	message = binary.AppendUvarint(message, ^uint64(0))
	return append(message, 1, 2, 3)
}

func field(out []byte, number int, value []byte) []byte {
	out = binary.AppendUvarint(out, uint64(number<<3|2))
	out = binary.AppendUvarint(out, uint64(len(value)))
	return append(out, value...)
}

func pemBlocks(file, kind string) [][]byte {
	data, err := ioutil.ReadFile(file)
	if err != nil {
		log.Fatal(err)
	}
	var blocks [][]byte
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return blocks
		}
		if block.Type == kind {
			blocks = append(blocks, block.Bytes)
		}
	}
}

func concat(parts [][]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func parseCode(text string) codes.Code {
	if n, err := strconv.Atoi(text); err == nil {
		return codes.Code(n)
	}
	for c := codes.OK; c <= codes.Unauthenticated; c++ {
		if c.String() == text {
			return c
		}
	}
	log.Fatalf("unknown gRPC status %q", text)
	return codes.Unknown
}
