/** The health listener Nexus and keepers share: /live, /ready and /metrics on a plain-HTTP address of their own. */
package ist.spike.common.monitoring;
