// Records Go's answers for the policy-pattern parity corpus that GoRegexpParityTest replays against
// Nexus. The tests never run Go: the answers are kept in the corpus file. To re-record them:
//
//	go run nexus/src/test/go/regexp-parity/main.go nexus/src/test/resources/policy/go-regexp-parity.json
//
// For every case it sets whether regexp.Compile accepts the pattern (and Go's error if not), and for
// every input what MatchString answers for the pattern (upstream's check) and for ^(?:pattern)$
// (upstream's full-match form, used for reserved paths; false when that form does not compile).
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"runtime"
)

type corpus struct {
	Recorded string  `json:"recorded"`
	Cases    []*item `json:"cases"`
}

type item struct {
	Pattern string   `json:"pattern"`
	Inputs  []string `json:"inputs"`
	Valid   bool     `json:"valid"`
	Error   string   `json:"error,omitempty"`
	Find    []bool   `json:"find,omitempty"`
	Whole   []bool   `json:"whole,omitempty"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run main.go CORPUS.json")
		os.Exit(2)
	}
	path := os.Args[1]
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var c corpus
	if err := json.Unmarshal(data, &c); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	c.Recorded = runtime.Version()
	for _, it := range c.Cases {
		it.Valid, it.Error, it.Find, it.Whole = false, "", nil, nil
		re, err := regexp.Compile(it.Pattern)
		if err != nil {
			it.Error = err.Error()
			continue
		}
		it.Valid = true
		// Upstream's asFullMatch: a full-match form that does not compile matches nothing.
		whole, err := regexp.Compile(`^(?:` + it.Pattern + `)$`)
		for _, in := range it.Inputs {
			it.Find = append(it.Find, re.MatchString(in))
			it.Whole = append(it.Whole, err == nil && whole.MatchString(in))
		}
	}
	// One case a line: compact, and a re-recording shows as a readable diff.
	var out bytes.Buffer
	fmt.Fprintf(&out, "{\"recorded\": %q, \"cases\": [\n", c.Recorded)
	for i, it := range c.Cases {
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(it); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if i < len(c.Cases)-1 {
			out.Truncate(out.Len() - 1)
			out.WriteString(",\n")
		}
	}
	out.WriteString("]}\n")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
