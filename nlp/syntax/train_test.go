package syntax

import (
	"bytes"
	"compress/gzip"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var ewtDir = filepath.Join("..", "..", "..", "shared", "data", "ud_english_ewt")

func readEWT(t *testing.T, split string, n int) []Sentence {
	t.Helper()
	path := filepath.Join(ewtDir, "en_ewt-ud-"+split+".conllu")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("EWT not found (%v): ../shared must sit beside the repository", err)
	}
	defer f.Close()
	ss, err := ReadCoNLLU(f, path)
	if err != nil {
		t.Fatal(err)
	}
	if n < len(ss) {
		ss = ss[:n]
	}
	return ss
}

// TestTrainDeterministic trains two small models on the same sentences
// and expects the same bytes (make model must be reproducible), and a
// model that has learnt something.
func TestTrainDeterministic(t *testing.T) {
	train := readEWT(t, "train", 300)
	dev := readEWT(t, "dev", 100)
	opt := TrainOptions{TagEpochs: 2, ParseEpochs: 2, Folds: 2, TagBits: 12, ParseBits: 12, LabelBits: 10, Seed: 7, Explore: 0.9, Mix: 2}
	clusters := map[string][2]uint16{"the": {1, 2}, "a": {1, 3}, "of": {2, 4}}
	var outs [2][]byte
	for i := range outs {
		m, err := Train(TrainData{Gold: train, Clusters: clusters}, nil, opt)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := m.Write(&b); err != nil {
			t.Fatal(err)
		}
		outs[i] = b.Bytes()
		if i == 0 {
			if sc := Evaluate(m, dev, nil); sc.UPOS() < 50 || sc.UAS() < 30 {
				t.Errorf("tiny model: dev UPOS %.1f UAS %.1f, want something learnt", sc.UPOS(), sc.UAS())
			}
		}
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two trainings on the same data give different bytes")
	}
}

// TestFoldAverages checks the parser mix: folding a table trained apart
// (other step count) into another and finishing the mix gives the mean of
// the two tables' averaged weights.
func TestFoldAverages(t *testing.T) {
	a, b := newTable(2, 2), newTable(2, 2)
	a.update([]uint64{0, 1}, 0, 1, 2) // averaged at now=4: 1 - 2/4 = 0.5
	b.update([]uint64{0}, 0, 2, 6)    // averaged at now=8: 2 - 12/8 = 0.5
	b.update([]uint64{2}, 1, -4, 2)   // -4 + 8/8 = -3
	want := make([]float32, len(a.w)) // the mean of the two averages
	for j := range want {
		want[j] = (a.w[j] - float32(a.u[j]/4) + b.w[j] - float32(b.u[j]/8)) / 2
	}
	a.fold(4, b, 8)
	a.finishMix(4, 2)
	for j, w := range want {
		if got := float32(a.q[j]) * a.scale; math.Abs(float64(got-w)) > 1e-3 {
			t.Errorf("weight %d: %.4f, want %.4f", j, got, w)
		}
	}
}

// TestModelRoundTrip writes the embedded model, reads it back and writes
// it again, expecting the same bytes: the codec loses nothing and depends
// on no map order.
func TestModelRoundTrip(t *testing.T) {
	m, err := LoadModel()
	if err != nil {
		t.Fatal(err)
	}
	var raw, gz bytes.Buffer
	if err := m.writeRaw(&raw); err != nil {
		t.Fatal(err)
	}
	if err := m.writeLevel(&gz, gzip.BestSpeed); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(bytes.NewReader(gz.Bytes()), "round trip")
	if err != nil {
		t.Fatal(err)
	}
	var raw2 bytes.Buffer
	if err := m2.writeRaw(&raw2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw.Bytes(), raw2.Bytes()) {
		t.Error("a model read back writes other bytes")
	}
}

// TestFeatureOrder checks that the parser's features come in template
// order, which the label model's template subset relies on: feature i is
// template i+1.
func TestFeatureOrder(t *testing.T) {
	var st state
	st.reset(3, nTags)
	st.apply(actShift, 0)
	fs := st.features(nil)
	if len(fs) != nParseFeats {
		t.Fatalf("%d features, want %d templates", len(fs), nParseFeats)
	}
	// Two templates with the same value hash alike only if they are the
	// same template: pfB0t's feature must be mix(pfB0t, b0's tag).
	if fs[pfB0t-1] != mix(pfB0t, uint64(st.tags[st.b])) || fs[pfS0t-1] != mix(pfS0t, uint64(st.tags[0])) {
		t.Error("features are not in template order")
	}
	if fs[pfS0tHy-1] != mix3(pfS0tHy, uint64(st.tags[0]), 0) {
		t.Error("the last templates are not in order")
	}
}
