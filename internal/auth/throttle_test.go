package auth

import (
	"fmt"
	"testing"
	"time"
)

const (
	victim = "admin@hoptac.vn"
	office = "203.0.113.7"
	thief  = "198.51.100.9"
)

// failPatiently fails n times for account at address, letting each wait
// pass first, as a patient attacker would.
func failPatiently(c *clock, th *LoginThrottle, account, address string, n int) {
	for i := 0; i < n; i++ {
		w, _ := th.Wait(account, address)
		c.add(w)
		th.Failed(account, address)
	}
}

func TestThrottlePairBacksOff(t *testing.T) {
	c := newClock()
	th := NewLoginThrottle(c.now)
	for i := 1; i <= 3; i++ {
		if w, s := th.Failed(victim, thief); w != 0 || s != ScopeNone {
			t.Fatalf("failure %d: wait %v scope %v, want free", i, w, s)
		}
	}
	// Written out rather than computed from the constants, so changing a
	// limit fails here.
	for i, want := range []time.Duration{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900} {
		want *= time.Second
		w, s := th.Failed(victim, thief)
		if w != want || s != ScopeAccount {
			t.Fatalf("failure %d: wait %v scope %v, want %v for the account", PairFreeFailures+1+i, w, s, want)
		}
		if again, _ := th.Wait(victim, thief); again != w {
			t.Fatalf("failure %d told %v, Wait says %v", PairFreeFailures+1+i, w, again)
		}
		c.add(w)
	}
	// The attacker's failures hold only the attacker: the administrator
	// logs in from the office, another account from the attacker's address
	// is untouched.
	th.Failed(victim, thief)
	if w, _ := th.Wait(victim, office); w != 0 {
		t.Errorf("the office waits %v because of another address's failures", w)
	}
	if w, _ := th.Wait("other@hoptac.vn", thief); w != 0 {
		t.Errorf("another account waits %v at the attacker's address", w)
	}
	// A success clears the pair.
	th.Succeeded(victim, thief)
	if w, _ := th.Wait(victim, thief); w != 0 {
		t.Errorf("after success the pair waits %v", w)
	}
	for i := 1; i <= 3; i++ {
		if w, _ := th.Failed(victim, thief); w != 0 {
			t.Fatalf("after success failure %d waits %v, want free again", i, w)
		}
	}
}

// Failures spread over many addresses slow the account for addresses it
// has never logged in from, by a minute at most; where it has logged in
// before, nothing changes.
func TestThrottleAccountWide(t *testing.T) {
	c := newClock()
	th := NewLoginThrottle(c.now)
	th.Succeeded(victim, office)
	bot := func(i int) string { return fmt.Sprintf("192.0.2.%d", i) }
	for i := 0; i < 20; i++ {
		if w, _ := th.Failed(victim, bot(i)); w != 0 {
			t.Fatalf("failure %d from a fresh address waits %v, want free", i+1, w)
		}
	}
	if w, s := th.Wait(victim, "192.0.2.200"); w != 0 || s != ScopeNone {
		t.Fatalf("after %d failures a new address waits %v", AccountFreeFailures, w)
	}
	if w, s := th.Failed(victim, bot(100)); w != time.Second || s != ScopeAccount {
		t.Fatalf("failure %d: wait %v scope %v, want 1s for the account", AccountFreeFailures+1, w, s)
	}
	if w, _ := th.Wait(victim, "192.0.2.201"); w != time.Second {
		t.Errorf("another new address waits %v, want 1s", w)
	}
	if w, _ := th.Wait(victim, office); w != 0 {
		t.Errorf("the address the owner logs in from waits %v", w)
	}
	if w, _ := th.Wait("other@hoptac.vn", "192.0.2.201"); w != 0 {
		t.Errorf("another account waits %v", w)
	}
	// However long the attack, the wait stays at most a minute.
	for i := 0; i < 50; i++ {
		w, _ := th.Wait(victim, bot(i))
		c.add(w)
		th.Failed(victim, bot(101+i))
	}
	if w, _ := th.Wait(victim, "192.0.2.202"); w != time.Minute {
		t.Errorf("after a long attack a new address waits %v, want the cap of a minute", w)
	}
	if w, _ := th.Wait(victim, office); w != 0 {
		t.Errorf("after a long attack the owner's address waits %v", w)
	}
	// An hour of quiet forgets it.
	c.add(AccountForget)
	if w, _ := th.Wait(victim, "192.0.2.202"); w != 0 {
		t.Errorf("an hour after the attack a new address waits %v", w)
	}
}

// One address failing across many accounts is capped, with the wait
// counted from when its oldest failure leaves the window.
func TestThrottleAddressCap(t *testing.T) {
	c := newClock()
	th := NewLoginThrottle(c.now)
	th.Succeeded(victim, office)
	for i := 0; i < AddressFailures; i++ {
		if w, _ := th.Wait(fmt.Sprintf("u%d@hoptac.vn", i), office); w != 0 {
			t.Fatalf("failure %d refused with %v, want %d allowed", i+1, w, AddressFailures)
		}
		th.Failed(fmt.Sprintf("u%d@hoptac.vn", i), office)
		c.add(time.Second)
	}
	// The first failure was 100 s ago; it leaves the window at 15 min.
	want := AddressWindow - AddressFailures*time.Second
	for _, account := range []string{victim, "new@hoptac.vn"} {
		if w, s := th.Wait(account, office); w != want || s != ScopeAddress {
			t.Errorf("%s at the capped address: wait %v scope %v, want %v for the address", account, w, s, want)
		}
	}
	if w, _ := th.Wait(victim, thief); w != 0 {
		t.Errorf("another address waits %v", w)
	}
	c.add(want)
	if w, _ := th.Wait(victim, office); w != 0 {
		t.Errorf("still waiting %v when the first failure left the window", w)
	}
}

// The longest of the waits is the one told.
func TestThrottleTellsTheLongestWait(t *testing.T) {
	c := newClock()
	th := NewLoginThrottle(c.now)
	failPatiently(c, th, victim, thief, PairFreeFailures+8) // pair wait 128 s
	for i := 0; i < AddressFailures; i++ {
		th.Failed(fmt.Sprintf("u%d@hoptac.vn", i), thief)
	}
	if w, s := th.Wait(victim, thief); w != AddressWindow || s != ScopeAddress {
		t.Errorf("wait %v scope %v, want the address's %v", w, s, AddressWindow)
	}
}
