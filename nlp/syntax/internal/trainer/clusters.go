package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/syntax"
	"github.com/muster-osint/muster/nlp/tagger"
)

// clusterCorpus returns the lower-cased sentences the word clusters are
// learned from: the Ukraine-war news, the 2014 news-bias articles,
// PolNeAR's train split (all unlabeled, never a test split), segmented by
// segment, and the EWT train words.
func clusterCorpus(data string, train []syntax.Sentence) ([][]string, error) {
	var out [][]string
	add := func(text string) {
		d := nlp.NewDoc(text)
		segment.Segment(d)
		for i := range d.SentenceTokens {
			toks := d.SentenceTokensOf(i)
			s := make([]string, len(toks))
			for j, t := range toks {
				s[j] = strings.ToLower(t.Text)
			}
			out = append(out, s)
		}
	}
	err := jsonLines(filepath.Join(data, "news_ukraine_war", "news_ukraine_war.jsonl.gz"), func(raw []byte) error {
		var a struct{ Title, Text string }
		if err := json.Unmarshal(raw, &a); err != nil {
			return err
		}
		add(a.Title)
		add(a.Text)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = jsonLines(filepath.Join(data, "news_bias_ukraine_2014", "faerber2020_news_bias_articles.jsonl.gz"), func(raw []byte) error {
		var a struct{ Sentences []struct{ Content string } }
		if err := json.Unmarshal(raw, &a); err != nil {
			return err
		}
		for _, s := range a.Sentences {
			add(s.Content)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = jsonLines(filepath.Join(data, "polnear", "polnear_articles_attributions.jsonl.gz"), func(raw []byte) error {
		var a struct{ Split, Text string }
		if err := json.Unmarshal(raw, &a); err != nil {
			return err
		}
		if a.Split == "train" {
			add(a.Text)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, s := range train {
		w := make([]string, len(s.Words))
		for i, x := range s.Words {
			w[i] = strings.ToLower(x.Form)
		}
		out = append(out, w)
	}
	return out, nil
}

// clusters learns word clusters at two granularities with the tagger's
// exchange algorithm; a word's entry holds both ids.
func clusters(corpus [][]string, ks [2]int) map[string][2]uint16 {
	out := map[string][2]uint16{}
	for i, k := range ks {
		for w, id := range tagger.WordClusters(corpus, k, 3, 12) {
			v := out[w]
			v[i] = id
			out[w] = v
		}
	}
	return out
}

func jsonLines(path string, f func([]byte) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<27)
	n := 0
	for sc.Scan() {
		n++
		if err := f(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
