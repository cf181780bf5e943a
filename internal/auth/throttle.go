package auth

import (
	"sync"
	"time"
)

// How failed logins are slowed down, after OWASP's authentication guidance:
// slow guessing without letting anyone lock an account out.
//
//   - Per account and address pair: three failures free, then 1 s, 2 s,
//     4 s … doubling up to 15 minutes, forgotten a day after the last
//     failure; a success clears the pair. One address then gets about a
//     hundred guesses a day at one account, while a user who mistypes five
//     times waits four seconds. An attacker elsewhere does not touch the
//     pair, so the administrator still logs in from the office.
//   - Per address, across accounts: 100 failures in 15 minutes, enough for
//     a whole office behind one NAT address, too few for spraying.
//   - Per account, across addresses: twenty failures free, then doubling
//     from 1 s up to only one minute, forgotten after an hour without
//     failures. A botnet is held to about one guess a minute at one account,
//     and addresses that have logged in to the account before are exempt:
//     the account's owner is never locked out from where they work, and a
//     new address waits a minute at most.
const (
	PairFreeFailures    = 3
	PairBaseDelay       = time.Second
	PairMaxDelay        = 15 * time.Minute
	PairForget          = 24 * time.Hour
	AddressFailures     = 100
	AddressWindow       = 15 * time.Minute
	AccountFreeFailures = 20
	AccountBaseDelay    = time.Second
	AccountMaxDelay     = time.Minute
	AccountForget       = time.Hour
)

// Scope says which limit refused a login, so the message can say whose
// failures it counts.
type Scope int

const (
	ScopeNone    Scope = iota
	ScopeAccount       // this account's failures: from this address, or from everywhere
	ScopeAddress       // this address's failures across accounts
)

// LoginThrottle decides whether a login attempt may have its password
// checked, and for how long it must wait if not. Accounts are keyed by the
// name typed, whether or not it exists, so the answers reveal nothing about
// which accounts exist. It lives in memory, per server.
type LoginThrottle struct {
	pair    *Backoff
	account *Backoff
	address *Limiter

	mu    sync.Mutex
	known map[string]bool // account and address pairs that logged in
}

// NewLoginThrottle returns a throttle with the limits above.
func NewLoginThrottle(now func() time.Time) *LoginThrottle {
	return &LoginThrottle{
		pair:    NewBackoff(PairFreeFailures, PairBaseDelay, PairMaxDelay, PairForget, now),
		account: NewBackoff(AccountFreeFailures, AccountBaseDelay, AccountMaxDelay, AccountForget, now),
		address: NewLimiter(AddressFailures, AddressWindow, now),
		known:   map[string]bool{},
	}
}

func pairKey(account, address string) string { return account + "\x00" + address }

// Wait is how long account must wait at address before a password is
// checked, and which limit holds it; zero and ScopeNone when it may try.
// The longest wait wins, so the wait told is the real one.
func (t *LoginThrottle) Wait(account, address string) (time.Duration, Scope) {
	wait, scope := t.pair.Wait(pairKey(account, address)), ScopeAccount
	if !t.isKnown(account, address) {
		if d := t.account.Wait(account); d > wait {
			wait = d
		}
	}
	if d := t.address.Wait(address); d > wait {
		wait, scope = d, ScopeAddress
	}
	if wait <= 0 {
		return 0, ScopeNone
	}
	return wait, scope
}

// Failed records a wrong password and returns the wait it starts, as Wait
// would answer next, so the failure's own message can tell it.
func (t *LoginThrottle) Failed(account, address string) (time.Duration, Scope) {
	t.account.Fail(account)
	t.address.Fail(address)
	t.pair.Fail(pairKey(account, address))
	return t.Wait(account, address)
}

// Succeeded clears the pair and remembers the address as one the account
// logs in from. The account-wide count is kept: the owner logging in must
// not hand a distributed attacker a fresh allowance.
func (t *LoginThrottle) Succeeded(account, address string) {
	t.pair.Reset(pairKey(account, address))
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.known) >= maxKeys {
		clear(t.known) // only costs the exemption until the next login
	}
	t.known[pairKey(account, address)] = true
}

func (t *LoginThrottle) isKnown(account, address string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.known[pairKey(account, address)]
}
